namespace FlexMeasures.Data.Users;

/// <summary>The user roles FlexMeasures' permission rules know.</summary>
public static class UserRoles
{
    public const string Admin = "admin";
    public const string AdminReader = "admin-reader";
    public const string AccountAdmin = "account-admin";
    public const string Consultant = "consultant";

    /// <summary>May report task runs to <c>POST /api/ops/postLatestTaskRun</c> (FlexMeasures' role of that name).</summary>
    public const string TaskRunner = "task-runner";

    /// <summary>Name and description of each standard role.</summary>
    public static IReadOnlyList<(string Name, string Description)> Standard { get; } =
    [
        (Admin, "Can do everything on every account."),
        (AdminReader, "Can read everything on every account."),
        (AccountAdmin, "Can manage the users, assets and sensors of their own account."),
        (Consultant, "Can act on the client accounts of their consultancy account."),
        (TaskRunner, "Can report that a task ran (POST /api/ops/postLatestTaskRun), for monitoring."),
    ];
}

namespace FlexMeasures.Data.Users;

/// <summary>What it takes to create a user.</summary>
public sealed record NewUser(
    string Username,
    string Email,
    int AccountId,
    string Password,
    IReadOnlyCollection<string> Roles,
    string Timezone = NewUser.DefaultTimezone)
{
    public const string DefaultTimezone = "Europe/Amsterdam";
}

using System.Reflection;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Users;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Auth;

/// <summary>The logged-in user of a request, with what authorization needs to know.</summary>
/// <param name="ConsultancyAccountId">The consultancy account of the user's own account, if any.</param>
internal sealed record ApiUser(
    int Id,
    string Name,
    int AccountId,
    int? ConsultancyAccountId,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> AccountRoles)
{
    /// <summary>The rate limits of the account's plan, if it has one.</summary>
    public PlanLimits? Plan { get; init; }

    /// <summary>The IANA time zone the user chose (FlexMeasures' user setting), for times the web UI shows.</summary>
    public string Timezone { get; init; } = "UTC";

    public bool IsAdmin => Roles.Contains(UserRoles.Admin);

    public bool IsAdminReader => Roles.Contains(UserRoles.AdminReader);

    public bool IsAccountAdmin => Roles.Contains(UserRoles.AccountAdmin);

    public bool IsConsultant => Roles.Contains(UserRoles.Consultant);

    /// <summary>This user as the data services know who acts (for the rules that depend on it, and the audit log).</summary>
    public Actor ToActor() => new(Id, Name, AccountId, Roles, AccountRoles);

    /// <summary>Minimal API binding: the user the token authentication found (endpoints requiring auth only).</summary>
    public static ValueTask<ApiUser?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Items[typeof(ApiUser)] as ApiUser);
    }
}

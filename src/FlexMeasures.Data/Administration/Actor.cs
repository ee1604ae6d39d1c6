using FlexMeasures.Data.Users;

namespace FlexMeasures.Data.Administration;

/// <summary>
/// The logged-in user on whose behalf a service changes structure, for the rules that depend on who asks (which
/// roles one may grant, which consultancy one may name). The command line passes none: it may do everything.
/// </summary>
/// <param name="AccountRoles">The account roles of the user's own account (e.g. <c>Consultancy</c>).</param>
public sealed record Actor(int Id, string Name, int AccountId, IReadOnlySet<string> Roles, IReadOnlySet<string> AccountRoles)
{
    public bool IsAdmin => Roles.Contains(UserRoles.Admin);

    public bool Has(string role) => Roles.Contains(role);
}

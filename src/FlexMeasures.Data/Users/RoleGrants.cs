using FlexMeasures.Data.Administration;

namespace FlexMeasures.Data.Users;

/// <summary>
/// Who may give or take a user role through the API (FlexMeasures' <c>can_modify_role</c>); the command line may do
/// all of it. Nobody changes their own roles.
/// <list type="bullet">
/// <item><c>admin</c>: nobody (only the command line or the database).</item>
/// <item><c>admin-reader</c>: admins.</item>
/// <item><c>account-admin</c>: admins, and consultants of the user's account's consultancy.</item>
/// <item><c>consultant</c>: admins, and account-admins of the user's own account.</item>
/// <item>Any other role: nobody.</item>
/// </list>
/// </summary>
public static class RoleGrants
{
    /// <param name="targetAccountId">The account of the user whose roles change.</param>
    /// <param name="targetConsultancyAccountId">That account's consultancy, if any.</param>
    public static bool MayModify(Actor actor, string role, int targetAccountId, int? targetConsultancyAccountId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return role switch
        {
            UserRoles.AdminReader => actor.IsAdmin,
            UserRoles.AccountAdmin => actor.IsAdmin || (actor.Has(UserRoles.Consultant) && targetConsultancyAccountId == actor.AccountId),
            UserRoles.Consultant => actor.IsAdmin || (actor.Has(UserRoles.AccountAdmin) && targetAccountId == actor.AccountId),
            _ => false,
        };
    }
}

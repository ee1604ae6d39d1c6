using FlexMeasures.Api.Auth;

namespace FlexMeasures.Api.Access;

/// <summary>
/// FlexMeasures' access control lists (<c>__acl__</c> of Account, GenericAsset, Sensor and User), as pure
/// functions. Admins may do everything, admin-readers read everything; otherwise:
/// <list type="bullet">
/// <item>Account: members and its consultancy's consultants read and update; account-admins and consultants
/// create children; nobody deletes (CLI only).</item>
/// <item>Asset: public assets are read by every logged-in user and changed by admins only; otherwise read like
/// its account, created under and updated by members and consultants, deleted by account-admins and consultants.</item>
/// <item>Sensor: read like its asset; beliefs added by members and consultants; updated and deleted by
/// account-admins and consultants.</item>
/// <item>User: read by members of the account and consultants; updated by the user, account-admins and consultants.</item>
/// </list>
/// "Consultants" are users with the consultant role in the account named as the owner's consultancy.
/// </summary>
internal static class AccessPolicy
{
    public static bool Admits(ApiUser user, Permission permission) =>
        user.IsAdmin || (user.IsAdminReader && permission == Permission.Read);

    public static bool MayAccessAccount(ApiUser user, Owner account, Permission permission) =>
        Admits(user, permission) || permission switch
        {
            Permission.Read or Permission.Update => IsMember(user, account) || IsConsultantOf(user, account),
            Permission.CreateChildren => (IsMember(user, account) && user.IsAccountAdmin) || IsConsultantOf(user, account),
            _ => false,
        };

    public static bool MayAccessAsset(ApiUser user, Owner owner, Permission permission)
    {
        if (Admits(user, permission))
        {
            return true;
        }

        if (owner.AccountId is null)
        {
            return permission == Permission.Read;
        }

        return permission switch
        {
            Permission.Read => MayAccessAccount(user, owner, Permission.Read),
            Permission.CreateChildren or Permission.Update => IsMember(user, owner) || IsConsultantOf(user, owner),
            Permission.Delete => (IsMember(user, owner) && user.IsAccountAdmin) || IsConsultantOf(user, owner),
            _ => false,
        };
    }

    public static bool MayAccessSensor(ApiUser user, Owner owner, Permission permission)
    {
        if (Admits(user, permission))
        {
            return true;
        }

        return permission switch
        {
            Permission.Read => MayAccessAsset(user, owner, Permission.Read),
            Permission.CreateChildren => owner.AccountId is not null && (IsMember(user, owner) || IsConsultantOf(user, owner)),
            Permission.Update or Permission.Delete => owner.AccountId is not null && ((IsMember(user, owner) && user.IsAccountAdmin) || IsConsultantOf(user, owner)),
            _ => false,
        };
    }

    public static bool MayAccessUser(ApiUser user, int targetUserId, Owner targetAccount, Permission permission) =>
        Admits(user, permission) || permission switch
        {
            Permission.Read => IsMember(user, targetAccount) || IsConsultantOf(user, targetAccount),
            Permission.Update => user.Id == targetUserId || (IsMember(user, targetAccount) && user.IsAccountAdmin) || IsConsultantOf(user, targetAccount),
            _ => false,
        };

    private static bool IsMember(ApiUser user, Owner owner) => owner.AccountId == user.AccountId;

    private static bool IsConsultantOf(ApiUser user, Owner owner) =>
        owner.ConsultancyAccountId is { } consultancy && consultancy == user.AccountId && user.IsConsultant;
}

using System.Linq.Expressions;
using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Users;

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
/// <item>Audit logs: a user's by the user, account-admins of their account and consultants; an account's by its
/// account-admins and consultants; an asset's by whoever reads the asset.</item>
/// <item>The platform: accounts are created by admins and by consultants whose account has the Consultancy role.</item>
/// </list>
/// "Consultants" are users with the consultant role in the account named as the owner's consultancy.
/// Data sources of no account are read by everyone, the others by their account's members.
/// <para>
/// Listings filter in the database with the queryable forms (<c>Readable…</c>): the same read rules as expressions
/// EF Core translates on both providers. A change to a read rule changes both forms here; AccessPolicyQueryTests holds
/// them equal for every role.
/// </para>
/// </summary>
internal static class AccessPolicy
{
    public static bool Admits(ApiUser user, Permission permission) =>
        user.IsAdmin || (user.IsAdminReader && permission is Permission.Read or Permission.ReadAuditLog);

    /// <summary>FlexMeasures' <c>FlexMeasuresPlatform</c> create-children: who may create accounts.</summary>
    public static bool MayCreateAccounts(ApiUser user) =>
        user.IsAdmin || (user.IsConsultant && user.AccountRoles.Contains(AccountRoles.Consultancy));

    public static bool MayAccessAccount(ApiUser user, Owner account, Permission permission) =>
        Admits(user, permission) || permission switch
        {
            Permission.Read or Permission.Update => IsMember(user, account) || IsConsultantOf(user, account),
            Permission.CreateChildren or Permission.ReadAuditLog => (IsMember(user, account) && user.IsAccountAdmin) || IsConsultantOf(user, account),
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
            Permission.Update or Permission.ReadAuditLog => user.Id == targetUserId || (IsMember(user, targetAccount) && user.IsAccountAdmin) || IsConsultantOf(user, targetAccount),
            _ => false,
        };

    public static bool MayReadSource(ApiUser user, int? sourceAccountId) =>
        Admits(user, Permission.Read) || sourceAccountId is null || sourceAccountId == user.AccountId;

    /// <summary>The accounts <see cref="MayAccessAccount"/> lets the user read.</summary>
    public static Expression<Func<Account, bool>> ReadableAccounts(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.AccountId;
        return Admits(user, Permission.Read) ? a => true
            : user.IsConsultant ? a => a.Id == own || a.ConsultancyAccountId == own
            : a => a.Id == own;
    }

    /// <summary>The assets <see cref="MayAccessAsset"/> lets the user read, public ones included.</summary>
    public static Expression<Func<GenericAsset, bool>> ReadableAssets(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.AccountId;
        return Admits(user, Permission.Read) ? a => true
            : user.IsConsultant ? a => a.AccountId == null || a.AccountId == own || a.Account!.ConsultancyAccountId == own
            : a => a.AccountId == null || a.AccountId == own;
    }

    /// <summary>The sensors <see cref="MayAccessSensor"/> lets the user read (those of readable assets).</summary>
    public static Expression<Func<Sensor, bool>> ReadableSensors(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.AccountId;
        return Admits(user, Permission.Read) ? s => true
            : user.IsConsultant ? s => s.GenericAsset!.AccountId == null || s.GenericAsset.AccountId == own || s.GenericAsset.Account!.ConsultancyAccountId == own
            : s => s.GenericAsset!.AccountId == null || s.GenericAsset.AccountId == own;
    }

    /// <summary>The users <see cref="MayAccessUser"/> lets the user read.</summary>
    public static Expression<Func<User, bool>> ReadableUsers(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.AccountId;
        return Admits(user, Permission.Read) ? u => true
            : user.IsConsultant ? u => u.AccountId == own || u.Account!.ConsultancyAccountId == own
            : u => u.AccountId == own;
    }

    /// <summary>The data sources <see cref="MayReadSource"/> lets the user read.</summary>
    public static Expression<Func<DataSource, bool>> ReadableSources(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.AccountId;
        return Admits(user, Permission.Read) ? s => true : s => s.AccountId == null || s.AccountId == own;
    }

    private static bool IsMember(ApiUser user, Owner owner) => owner.AccountId == user.AccountId;

    private static bool IsConsultantOf(ApiUser user, Owner owner) =>
        owner.ConsultancyAccountId is { } consultancy && consultancy == user.AccountId && user.IsConsultant;
}

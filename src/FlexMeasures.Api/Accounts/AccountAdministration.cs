using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Administration;

namespace FlexMeasures.Api.Accounts;

/// <summary>
/// What creating and changing an account takes on behalf of a signed-in user: the permission check, the audit
/// trail's actor, the data service. One home for the API's endpoints and the accounts pages.
/// </summary>
internal static class AccountAdministration
{
    /// <summary>Creates an account (admins; consultants of a Consultancy account, whose new accounts are their clients).</summary>
    /// <exception cref="AccessDeniedException">The caller may not create accounts.</exception>
    /// <exception cref="NotPermittedException">The caller may not name this consultancy.</exception>
    /// <exception cref="Data.Validation.InvalidInputException">Duplicate name or unknown consultancy.</exception>
    public static async Task<Account> CreateAsync(
        ApiUser caller, string name, int? consultancyAccountId, AccountService accounts, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(audit);
        Authorizer.Demand(AccessPolicy.MayCreateAccounts(caller), Permission.CreateChildren, "the platform (creating accounts)");
        audit.ActiveUser = (caller.Id, caller.Name);
        return await accounts.CreateAsync(name, [], consultancyAccountId, caller.ToActor(), cancellationToken);
    }

    /// <summary>Applies <paramref name="changes"/> to an account the caller may update; plan and roles: admins only (the data service's rule).</summary>
    /// <exception cref="AccessDeniedException">The caller may not update the account.</exception>
    /// <exception cref="NotPermittedException">The caller may not change that field so.</exception>
    /// <exception cref="Data.Validation.InvalidInputException">A value FlexMeasures refuses.</exception>
    public static async Task<Account> UpdateAsync(
        ApiUser caller, int id, AccountChanges changes, Authorizer authorizer, AccountService accounts, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(audit);
        await authorizer.RequireAccountAsync(caller, id, Permission.Update, cancellationToken);
        audit.ActiveUser = (caller.Id, caller.Name);
        return await accounts.UpdateAsync(id, changes, caller.ToActor(), cancellationToken);
    }
}

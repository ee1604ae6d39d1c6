using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Users;

/// <summary>
/// What creating, changing and resetting a user takes on behalf of a signed-in user: the permission check, the
/// audit trail's actor, the data service. One home for the API's endpoints and the users pages, so both refuse and
/// record alike.
/// </summary>
internal static class UserAdministration
{
    /// <summary>
    /// Creates a user in an account the caller may create children of. Without a password the user gets a random one
    /// (FlexMeasures emails a reset link; we send no email, so an admin or the command line sets theirs later).
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller may not add users to the account.</exception>
    /// <exception cref="Data.Validation.InvalidInputException">A value is invalid or already taken.</exception>
    public static async Task<User> CreateAsync(
        ApiUser caller, string username, string email, int accountId, string? password, string? timezone,
        Authorizer authorizer, UserService users, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(audit);
        await authorizer.RequireAccountAsync(caller, accountId, Permission.CreateChildren, cancellationToken);
        audit.ActiveUser = (caller.Id, caller.Name);
        var newUser = new NewUser(username, email, accountId, password ?? UserService.RandomPassword(), [], timezone ?? NewUser.DefaultTimezone);
        return await users.CreateAsync(newUser, cancellationToken);
    }

    /// <summary>Applies <paramref name="changes"/> to a user the caller may update; the data service decides who may change activity and roles.</summary>
    /// <exception cref="AccessDeniedException">The caller may not update the user.</exception>
    /// <exception cref="NotPermittedException">The caller may not make this change (e.g. deactivate themselves).</exception>
    /// <exception cref="Data.Validation.InvalidInputException">A value is invalid or already taken.</exception>
    public static async Task<User> UpdateAsync(
        ApiUser caller, int id, UserChanges changes, Authorizer authorizer, UserService users, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(audit);
        await authorizer.RequireUserAsync(caller, id, Permission.Update, cancellationToken);
        audit.ActiveUser = (caller.Id, caller.Name);
        return await users.UpdateAsync(id, changes, caller.ToActor(), cancellationToken);
    }

    /// <summary>
    /// Replaces the password of a user the caller may update by a random one, which ends every session and token of
    /// that user (FlexMeasures also emails a reset link; we send no email).
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller may not update the user.</exception>
    public static async Task ResetPasswordAsync(
        ApiUser caller, int id, Authorizer authorizer, UserService users, AuditTrail audit, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(db);
        await authorizer.RequireUserAsync(caller, id, Permission.Update, cancellationToken);
        var email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync(cancellationToken);
        audit.ActiveUser = (caller.Id, caller.Name);
        await users.SetPasswordAsync(email, UserService.RandomPassword(), cancellationToken);
    }
}

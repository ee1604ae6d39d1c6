using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Access;

/// <summary>
/// Looks up the object a request names and checks the user's permission on it, for every endpoint alike:
/// 404 when it does not exist, 403 <c>INVALID_SENDER</c> when the user may not.
/// </summary>
internal sealed class Authorizer(FlexMeasuresDbContext db)
{
    /// <exception cref="ResourceNotFoundException">No such sensor.</exception>
    /// <exception cref="AccessDeniedException">The user lacks the permission.</exception>
    public async Task<Owner> RequireSensorAsync(ApiUser user, int sensorId, Permission permission, CancellationToken cancellationToken) =>
        (await LoadSensorAsync(user, sensorId, permission, cancellationToken)).Owner;

    /// <summary>
    /// The sensor with its owner, in one query, after checking the permission: for handlers that go on to use the
    /// sensor, so it is loaded once per request.
    /// </summary>
    /// <inheritdoc cref="RequireSensorAsync"/>
    public async Task<(Sensor Sensor, Owner Owner)> LoadSensorAsync(ApiUser user, int sensorId, Permission permission, CancellationToken cancellationToken)
    {
        var found = await db.Sensors.AsNoTracking().Where(s => s.Id == sensorId)
            .Select(s => new { Sensor = s, s.GenericAsset!.AccountId, ConsultancyAccountId = s.GenericAsset.Account == null ? null : s.GenericAsset.Account.ConsultancyAccountId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException($"Sensor {sensorId} not found");
        var scope = new Owner(found.AccountId, found.ConsultancyAccountId);
        Demand(AccessPolicy.MayAccessSensor(user, scope, permission), permission, $"sensor {sensorId}");
        return (found.Sensor, scope);
    }

    /// <inheritdoc cref="RequireSensorAsync"/>
    public async Task<Owner> RequireAssetAsync(ApiUser user, int assetId, Permission permission, CancellationToken cancellationToken)
    {
        var owner = await db.GenericAssets.AsNoTracking().Where(a => a.Id == assetId)
            .Select(a => new { a.AccountId, ConsultancyAccountId = a.Account == null ? null : a.Account.ConsultancyAccountId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException($"Asset {assetId} not found");
        var scope = new Owner(owner.AccountId, owner.ConsultancyAccountId);
        Demand(AccessPolicy.MayAccessAsset(user, scope, permission), permission, $"asset {assetId}");
        return scope;
    }

    /// <inheritdoc cref="RequireSensorAsync"/>
    public async Task<Owner> RequireAccountAsync(ApiUser user, int accountId, Permission permission, CancellationToken cancellationToken)
    {
        var consultancy = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.ConsultancyAccountId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException($"Account {accountId} not found");
        var scope = new Owner(accountId, consultancy.ConsultancyAccountId);
        Demand(AccessPolicy.MayAccessAccount(user, scope, permission), permission, $"account {accountId}");
        return scope;
    }

    /// <inheritdoc cref="RequireSensorAsync"/>
    public async Task<Owner> RequireUserAsync(ApiUser user, int userId, Permission permission, CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.AccountId, u.Account!.ConsultancyAccountId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException($"User {userId} not found");
        var scope = new Owner(owner.AccountId, owner.ConsultancyAccountId);
        Demand(AccessPolicy.MayAccessUser(user, userId, scope, permission), permission, $"user {userId}");
        return scope;
    }

    /// <summary>Throws 403 unless <paramref name="allowed"/>.</summary>
    /// <exception cref="AccessDeniedException">Not allowed.</exception>
    public static void Demand(bool allowed, Permission permission, string what)
    {
        if (!allowed)
        {
            throw new AccessDeniedException($"{ApiErrors.ForbiddenMessage} It requires {Name(permission)} permission on {what}.");
        }
    }

    private static string Name(Permission permission) => permission switch
    {
        Permission.CreateChildren => "create-children",
        Permission.ReadAuditLog => "audit-log read",
        _ => permission.ToString().ToLowerInvariant(),
    };
}

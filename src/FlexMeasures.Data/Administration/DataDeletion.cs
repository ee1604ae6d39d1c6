using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Administration;

/// <summary>
/// Bulk removal, as FlexMeasures' <c>db-depopulate</c>: measurements (beliefs with horizon ≤ 0), prognoses
/// (horizon &gt; 0), or the whole structure. Each first tells what it would remove.
/// </summary>
public sealed class DataDeletion(FlexMeasuresDbContext db)
{
    /// <summary>How many beliefs a deletion of measurements or prognoses would remove.</summary>
    public async Task<int> CountBeliefsAsync(bool prognoses, int? sensorId, CancellationToken cancellationToken)
    {
        await CheckSensorAsync(sensorId, cancellationToken);
        return await Beliefs(prognoses, sensorId).CountAsync(cancellationToken);
    }

    /// <summary>Deletes measurements (<paramref name="prognoses"/> false) or prognoses, of one sensor or all.</summary>
    public Task<int> DeleteBeliefsAsync(bool prognoses, int? sensorId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                await CheckSensorAsync(sensorId, ct);
                return await Beliefs(prognoses, sensorId).ExecuteDeleteAsync(ct);
            },
            cancellationToken);

    /// <summary>Row counts of everything <see cref="DeleteStructureAsync"/> removes.</summary>
    public async Task<IReadOnlyList<(string What, int Count)>> CountStructureAsync(CancellationToken cancellationToken) =>
    [
        ("beliefs", await db.TimedBeliefs.CountAsync(cancellationToken)),
        ("annotations", await db.Annotations.CountAsync(cancellationToken)),
        ("sensors", await db.Sensors.CountAsync(cancellationToken)),
        ("assets", await db.GenericAssets.CountAsync(cancellationToken)),
        ("asset types", await db.GenericAssetTypes.CountAsync(cancellationToken)),
        ("data sources", await db.DataSources.CountAsync(cancellationToken)),
        ("users", await db.Users.CountAsync(cancellationToken)),
        ("roles", await db.Roles.CountAsync(cancellationToken)),
        ("accounts", await db.Accounts.CountAsync(cancellationToken)),
        ("account roles", await db.AccountRoles.CountAsync(cancellationToken)),
    ];

    /// <summary>Removes all data and structure; task runs and audit logs stay.</summary>
    public Task DeleteStructureAsync(CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                await db.TimedBeliefs.ExecuteDeleteAsync(ct);
                await db.Annotations.ExecuteDeleteAsync(ct);
                await db.GenericAssets.Where(a => a.ParentAssetId != null).ExecuteDeleteAsync(ct);
                await db.GenericAssets.ExecuteDeleteAsync(ct);
                await db.GenericAssetTypes.ExecuteDeleteAsync(ct);
                await db.DataSources.ExecuteDeleteAsync(ct);
                await db.Users.ExecuteDeleteAsync(ct);
                await db.Roles.ExecuteDeleteAsync(ct);
                await db.Accounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.ConsultancyAccountId, (int?)null), ct);
                await db.Accounts.ExecuteDeleteAsync(ct);
                await db.AccountRoles.ExecuteDeleteAsync(ct);
            },
            cancellationToken);

    private IQueryable<Beliefs.TimedBelief> Beliefs(bool prognoses, int? sensorId)
    {
        var beliefs = prognoses
            ? db.TimedBeliefs.Where(b => b.BeliefHorizon > TimeSpan.Zero)
            : db.TimedBeliefs.Where(b => b.BeliefHorizon <= TimeSpan.Zero);
        return sensorId is { } id ? beliefs.Where(b => b.SensorId == id) : beliefs;
    }

    private async Task CheckSensorAsync(int? sensorId, CancellationToken cancellationToken)
    {
        if (sensorId is { } id && !await db.Sensors.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new InvalidInputException("sensor", $"no sensor with id {id}");
        }
    }
}

using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexMeasures.Data.Administration;

/// <summary>
/// Bulk removal, as FlexMeasures' <c>db-depopulate</c>: measurements (beliefs with horizon ≤ 0), prognoses
/// (horizon &gt; 0), or the whole structure. Each first tells what it would remove.
/// </summary>
public sealed class DataDeletion(FlexMeasuresDbContext db, AuditTrail audit)
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

    /// <summary>Removes all data and structure; task runs and audit logs stay, with one entry saying so.</summary>
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
                audit.UserEvent("All accounts, users, assets, sensors, data sources and beliefs deleted", null, null);
            },
            cancellationToken);

    /// <summary>Beliefs of a sensor, optionally of some sources and events starting in [start, end).</summary>
    public IQueryable<Beliefs.TimedBelief> Selection(int sensorId, IReadOnlyCollection<int>? sourceIds, DateTime? start, DateTime? end)
    {
        var beliefs = db.TimedBeliefs.Where(b => b.SensorId == sensorId);
        if (sourceIds is not null)
        {
            beliefs = beliefs.Where(b => sourceIds.Contains(b.SourceId));
        }

        if (start is { } from)
        {
            beliefs = beliefs.Where(b => b.EventStart >= from);
        }

        if (end is { } until)
        {
            beliefs = beliefs.Where(b => b.EventStart < until);
        }

        return beliefs;
    }

    /// <summary>Deletes the beliefs <see cref="Selection"/> describes.</summary>
    public Task<int> DeleteBeliefsAsync(int sensorId, IReadOnlyCollection<int>? sourceIds, DateTime? start, DateTime? end, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                await CheckSensorAsync(sensorId, ct);
                return await Selection(sensorId, sourceIds, start, end).ExecuteDeleteAsync(ct);
            },
            cancellationToken);

    /// <summary>
    /// Deletes deterministic beliefs equal to the latest earlier belief about the same event from the same
    /// source (such rows were stored by tools that do not skip unchanged beliefs).
    /// </summary>
    public Task<int> DeleteUnchangedBeliefsAsync(int? sensorId, bool dryRun, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                await CheckSensorAsync(sensorId, ct);
                var filter = sensorId is null ? "" : "WHERE sensor_id = @sensor";
                var unchanged = $"""
                    SELECT sensor_id, event_start, belief_horizon, cumulative_probability, source_id FROM (
                      SELECT sensor_id, event_start, belief_horizon, cumulative_probability, source_id, event_value,
                             lag(event_value) OVER (PARTITION BY sensor_id, event_start, source_id ORDER BY belief_horizon DESC) AS previous_value,
                             max(cumulative_probability) OVER (PARTITION BY sensor_id, event_start, source_id) AS highest_cp,
                             min(cumulative_probability) OVER (PARTITION BY sensor_id, event_start, source_id) AS lowest_cp
                      FROM timed_belief {filter}
                    ) ranked
                    WHERE previous_value = event_value AND highest_cp = 0.5 AND lowest_cp = 0.5
                    """;
                var sql = dryRun
                    ? $"SELECT count(*) FROM ({unchanged}) unchanged"
                    : $"DELETE FROM timed_belief WHERE (sensor_id, event_start, belief_horizon, cumulative_probability, source_id) IN ({unchanged})";
                var connection = db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = sql;
                if (sensorId is { } id)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@sensor";
                    parameter.Value = id;
                    command.Parameters.Add(parameter);
                }

                return dryRun
                    ? Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)
                    : await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);

    /// <summary>Deletes beliefs whose value is NaN (PostgreSQL can hold them; SQLite cannot).</summary>
    public Task<int> DeleteNanBeliefsAsync(int? sensorId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                await CheckSensorAsync(sensorId, ct);
                if (db.Provider != DatabaseProvider.Postgres)
                {
                    return 0;
                }

                return sensorId is { } id
                    ? await db.Database.ExecuteSqlAsync($"DELETE FROM timed_belief WHERE event_value = 'NaN'::float8 AND sensor_id = {id}", ct)
                    : await db.Database.ExecuteSqlAsync($"DELETE FROM timed_belief WHERE event_value = 'NaN'::float8", ct);
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

using System.Data.Common;
using System.Globalization;
using System.Text;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Finds beliefs of a sensor. One set-based query on the (sensor_id, event_start) index; "most recent belief
/// per event and source" and "most recent event per source" are window functions in SQL. Filters on belief
/// time depend on each event's knowledge time: on PostgreSQL, for a sensor whose knowledge horizon is the same for
/// every event, they are conditions in the same query; otherwise the selection happens here after the query.
/// </summary>
public sealed class BeliefSearch(FlexMeasuresDbContext db)
{
    /// <summary>Beliefs ordered by event start, source, belief time and cumulative probability.</summary>
    /// <exception cref="InvalidInputException">Unknown sensor.</exception>
    public async Task<IReadOnlyList<BeliefRecord>> SearchAsync(BeliefQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SensorId, cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {query.SensorId}");
        return await SearchAsync(sensor, query, cancellationToken);
    }

    /// <inheritdoc cref="SearchAsync(BeliefQuery, CancellationToken)"/>
    public async Task<IReadOnlyList<BeliefRecord>> SearchAsync(Sensor sensor, BeliefQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(query);
        var sourceIds = await SourceIdsAsync(query, cancellationToken);
        if (sourceIds is { Count: 0 })
        {
            return [];
        }

        var selectInSql = BeliefTimesFilteredInSql(sensor, query);
        var rows = await QueryAsync(sensor, query, sourceIds, selectInSql, cancellationToken);
        if (selectInSql)
        {
            return rows;
        }

        var kept = rows.Where(r => (query.BeliefsBefore is not { } before || r.BeliefTime <= before)
            && (query.BeliefsAfter is not { } after || r.BeliefTime >= after));
        return SelectMostRecent(kept, query.MostRecentBeliefsOnly, query.MostRecentEventsOnly);
    }

    /// <summary>The same selection the SQL makes, for beliefs already in memory.</summary>
    internal static IReadOnlyList<BeliefRecord> SelectMostRecent(IEnumerable<BeliefRecord> beliefs, bool mostRecentBeliefs, bool mostRecentEvents)
    {
        var result = beliefs.ToList();
        if (mostRecentBeliefs)
        {
            result = [.. result.GroupBy(b => (b.EventStart, b.SourceId)).SelectMany(g =>
            {
                var latest = g.Min(b => b.BeliefHorizon);
                return g.Where(b => b.BeliefHorizon == latest);
            })];
        }

        if (mostRecentEvents)
        {
            result = [.. result.GroupBy(b => b.SourceId).SelectMany(g =>
            {
                var latest = g.Max(b => b.EventStart);
                return g.Where(b => b.EventStart == latest);
            })];
        }

        return [.. result.OrderBy(b => b.EventStart).ThenBy(b => b.SourceId).ThenByDescending(b => b.BeliefHorizon).ThenBy(b => b.CumulativeProbability)];
    }

    private async Task<List<int>?> SourceIdsAsync(BeliefQuery query, CancellationToken cancellationToken)
    {
        if (query.SourceIds is null && query.SourceNames is null && query.SourceTypes is null && query.SourceAccountId is null)
        {
            return null;
        }

        var sources = db.DataSources.AsNoTracking();
        if (query.SourceIds is { } ids)
        {
            sources = sources.Where(s => ids.Contains(s.Id));
        }

        if (query.SourceNames is { } names)
        {
            sources = sources.Where(s => names.Contains(s.Name));
        }

        if (query.SourceTypes is { } types)
        {
            sources = sources.Where(s => s.Type != null && types.Contains(s.Type));
        }

        if (query.SourceAccountId is { } account)
        {
            sources = sources.Where(s => s.AccountId == account);
        }

        return await sources.Select(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For a deterministic series: per event, the beliefs with the latest belief time over all sources (a
    /// probabilistic belief's quantiles together). Null when the shortcut does not apply (filters on belief
    /// time, or several versions of one source among the candidates), so the caller takes the general path.
    /// </summary>
    /// <remarks>
    /// For one event every source shares the knowledge time, so the latest belief time is the smallest horizon;
    /// ranking per event only lets PostgreSQL walk the primary key in order instead of sorting.
    /// </remarks>
    internal async Task<List<LatestBelief>?> LatestPerEventAsync(Sensor sensor, BeliefQuery query, CancellationToken cancellationToken)
    {
        if (!BeliefTimesFilteredInSql(sensor, query) || query.MostRecentEventsOnly || !query.MostRecentBeliefsOnly)
        {
            return null;
        }

        var sourceIds = await SourceIdsAsync(query, cancellationToken);
        if (await HasVersionedSourcesAsync(sourceIds, cancellationToken))
        {
            return null;
        }

        var latest = new List<LatestBelief>();
        if (sourceIds is { Count: 0 })
        {
            return latest;
        }

        await ReadAsync(
            sensor,
            query,
            sourceIds,
            ", rank() OVER (PARTITION BY b.event_start ORDER BY b.belief_horizon) AS belief_rank",
            "WHERE belief_rank = 1 ORDER BY event_start, belief_horizon",
            (eventStart, _, cp, value, source) => latest.Add(new LatestBelief(eventStart, cp, value, source)),
            cancellationToken);
        return latest;
    }

    /// <summary>
    /// PostgreSQL only: the latest deterministic belief per event, binned in SQL (<c>date_bin</c>) to steps of
    /// <paramref name="step"/> from <paramref name="origin"/>: the mean of each bin, or its first value for
    /// instantaneous sensors. Null when the shortcut does not apply or a latest belief is probabilistic without a
    /// median quantile; the caller then takes the general path.
    /// </summary>
    internal async Task<List<(DateTime Bin, double Value)>?> BinnedLatestAsync(
        Sensor sensor, BeliefQuery query, DateTime origin, TimeSpan step, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres || step >= TimeSpan.FromDays(1) || step < sensor.EventResolution
            || !BeliefTimesFilteredInSql(sensor, query) || query.MostRecentEventsOnly || !query.MostRecentBeliefsOnly)
        {
            return null;
        }

        var sourceIds = await SourceIdsAsync(query, cancellationToken);
        if (sourceIds is { Count: 0 })
        {
            return [];
        }

        if (await HasVersionedSourcesAsync(sourceIds, cancellationToken))
        {
            return null;
        }

        return await WithCommandAsync(
            async command =>
            {
                var where = Filters(command, DatabaseProvider.Postgres, sensor, query, sourceIds);
                Add(command, "@origin", origin);
                Add(command, "@step", step);
                var aggregate = sensor.EventResolution > TimeSpan.Zero ? "avg(event_value)" : "(array_agg(event_value ORDER BY event_start))[1]";

                // Per event the latest belief time is the smallest horizon (all sources share the knowledge time);
                // of a probabilistic belief, the median quantile.
                command.CommandText = $"""
                    SELECT date_bin(@step, event_start, @origin) AS bin, {aggregate} AS value, bool_and(cumulative_probability = 0.5) AS deterministic
                    FROM (
                      SELECT DISTINCT ON (b.event_start) b.event_start, b.event_value, b.cumulative_probability
                      FROM timed_belief b
                      WHERE {where}
                      ORDER BY b.event_start, b.belief_horizon, b.source_id DESC, (b.cumulative_probability = 0.5) DESC
                    ) latest
                    GROUP BY bin
                    ORDER BY bin
                    """;
                var bins = new List<(DateTime Bin, double Value)>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (!reader.GetBoolean(2))
                    {
                        return null;
                    }

                    bins.Add((reader.GetFieldValue<DateTime>(0), reader.GetDouble(1)));
                }

                return bins;
            },
            cancellationToken);
    }

    private async Task<bool> HasVersionedSourcesAsync(List<int>? sourceIds, CancellationToken cancellationToken)
    {
        var candidates = db.DataSources.AsNoTracking();
        if (sourceIds is not null)
        {
            candidates = candidates.Where(s => sourceIds.Contains(s.Id));
        }

        return await candidates.GroupBy(s => new { s.Name, s.Type, s.Model }).AnyAsync(g => g.Count() > 1, cancellationToken);
    }

    private async Task<List<BeliefRecord>> QueryAsync(Sensor sensor, BeliefQuery query, List<int>? sourceIds, bool selectInSql, CancellationToken cancellationToken)
    {
        var ranks = new StringBuilder();
        var conditions = new List<string>();
        if (selectInSql && query.MostRecentBeliefsOnly)
        {
            ranks.Append(", rank() OVER (PARTITION BY b.event_start, b.source_id ORDER BY b.belief_horizon) AS belief_rank");
            conditions.Add("belief_rank = 1");
        }

        if (selectInSql && query.MostRecentEventsOnly)
        {
            ranks.Append(", dense_rank() OVER (PARTITION BY b.source_id ORDER BY b.event_start DESC) AS event_rank");
            conditions.Add("event_rank = 1");
        }

        var beliefs = new List<BeliefRecord>();
        var beliefTimes = BeliefTimes(sensor);
        await ReadAsync(
            sensor,
            query,
            sourceIds,
            ranks.ToString(),
            $"{(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")} ORDER BY event_start, source_id, belief_horizon DESC, cumulative_probability",
            (eventStart, horizon, cp, value, source) => beliefs.Add(new BeliefRecord(eventStart, beliefTimes(eventStart, horizon), horizon, source, cp, value)),
            cancellationToken);
        return beliefs;
    }

    /// <summary>Belief time from event start and horizon; plain arithmetic when the knowledge horizon is the same for every event.</summary>
    private static Func<DateTime, TimeSpan, DateTime> BeliefTimes(Sensor sensor)
    {
        if (ConstantKnowledgeHorizon(sensor) is { } knowledgeHorizon)
        {
            return (eventStart, horizon) => eventStart - knowledgeHorizon - horizon;
        }

        return (eventStart, horizon) =>
            KnowledgeHorizons.BeliefTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, eventStart, sensor.EventResolution, horizon);
    }

    /// <summary>The sensor's knowledge horizon when it is the same for every event (ex-post and ex-ante sensors); else null.</summary>
    private static TimeSpan? ConstantKnowledgeHorizon(Sensor sensor) =>
        sensor.KnowledgeHorizonFnc is "ex_post" or "ex_ante"
            ? KnowledgeHorizons.KnowledgeHorizon(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, DateTime.UnixEpoch, sensor.EventResolution)
            : null;

    /// <summary>
    /// Whether the query's filters on belief time (if any) are conditions of the SQL: on PostgreSQL for a sensor
    /// with a constant knowledge horizon, where belief time = event start − knowledge horizon − belief horizon.
    /// </summary>
    private bool BeliefTimesFilteredInSql(Sensor sensor, BeliefQuery query) =>
        (query.BeliefsBefore is null && query.BeliefsAfter is null)
        || (db.Provider == DatabaseProvider.Postgres && ConstantKnowledgeHorizon(sensor) is not null);

    /// <summary>Runs one query over the sensor's beliefs with the query's filters, handing each row to <paramref name="row"/>.</summary>
    private async Task ReadAsync(
        Sensor sensor,
        BeliefQuery query,
        List<int>? sourceIds,
        string ranks,
        string selection,
        Action<DateTime, TimeSpan, double, double, int> row,
        CancellationToken cancellationToken)
    {
        var provider = db.Provider;
        await WithCommandAsync(
            async command =>
            {
                var where = Filters(command, provider, sensor, query, sourceIds);
                command.CommandText = $"""
                    SELECT event_start, belief_horizon, cumulative_probability, event_value, source_id FROM (
                      SELECT b.event_start, b.belief_horizon, b.cumulative_probability, b.event_value, b.source_id{ranks}
                      FROM timed_belief b
                      WHERE {where}
                    ) ranked
                    {selection}
                    """;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var eventStart = provider == DatabaseProvider.Postgres
                        ? reader.GetFieldValue<DateTime>(0)
                        : DateTime.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    var horizon = provider == DatabaseProvider.Postgres ? reader.GetFieldValue<TimeSpan>(1) : TimeSpan.FromTicks(reader.GetInt64(1));
                    row(eventStart, horizon, reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4));
                }
                    return true;
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="use"/> with a command on the context's connection and transaction, opening the connection if needed.</summary>
    private async Task<T> WithCommandAsync<T>(Func<DbCommand, Task<T>> use, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var mustClose = connection.State != System.Data.ConnectionState.Open;
        if (mustClose)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await use(command);
        }
        finally
        {
            if (mustClose)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The WHERE clause (on alias <c>b</c>) for the query's sensor, window, horizons and sources; adds its parameters.</summary>
    private static StringBuilder Filters(DbCommand command, DatabaseProvider provider, Sensor sensor, BeliefQuery query, List<int>? sourceIds)
    {
        var where = new StringBuilder("b.sensor_id = @sensor");
        Add(command, "@sensor", sensor.Id);

        // Always within the supported instants: a row written around the platform (e.g. year 9999 by SQL) is never read.
        var from = query.EventStartsFrom is { } f && f > SupportedInstants.Earliest ? f : SupportedInstants.Earliest;
        where.Append(" AND b.event_start >= @from");
        Add(command, "@from", Instant(provider, from));

        // Events end at start + resolution; PostgreSQL keeps microseconds.
        var end = query.EventEndsBefore is { } e && e < SupportedInstants.End ? e : SupportedInstants.End;
        var lastStart = sensor.EventResolution > TimeSpan.Zero ? end - sensor.EventResolution : end - TimeSpan.FromMicroseconds(1);
        where.Append(" AND b.event_start <= @last");
        Add(command, "@last", Instant(provider, lastStart));

        if (query.HorizonsAtLeast is { } atLeast)
        {
            where.Append(" AND b.belief_horizon >= @hmin");
            Add(command, "@hmin", Duration(provider, atLeast));
        }

        if (query.HorizonsAtMost is { } atMost)
        {
            where.Append(" AND b.belief_horizon <= @hmax");
            Add(command, "@hmax", Duration(provider, atMost));
        }

        // Compared in exact seconds since the epoch (numeric): an interval's day counts 24 hours whatever the session's
        // time zone, as the platform reads horizons.
        if (provider == DatabaseProvider.Postgres && ConstantKnowledgeHorizon(sensor) is { } knowledgeHorizon)
        {
            if (query.BeliefsBefore is { } before)
            {
                where.Append(" AND extract(epoch FROM b.event_start) - extract(epoch FROM b.belief_horizon) <= @bbefore");
                Add(command, "@bbefore", EpochSeconds(before + knowledgeHorizon));
            }

            if (query.BeliefsAfter is { } after)
            {
                where.Append(" AND extract(epoch FROM b.event_start) - extract(epoch FROM b.belief_horizon) >= @bafter");
                Add(command, "@bafter", EpochSeconds(after + knowledgeHorizon));
            }
        }

        if (sourceIds is not null)
        {
            where.Append(" AND b.source_id IN (").Append(string.Join(", ", sourceIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))).Append(')');
        }

        return where;
    }

    private static decimal EpochSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond;

    private static object Instant(DatabaseProvider provider, DateTime utc) =>
        provider == DatabaseProvider.Postgres ? utc : BeliefWriter.SqliteInstant(utc);

    private static object Duration(DatabaseProvider provider, TimeSpan duration) =>
        provider == DatabaseProvider.Postgres ? duration : duration.Ticks;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

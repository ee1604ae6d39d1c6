using System.Data.Common;
using System.Globalization;
using System.Text;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Finds beliefs of a sensor. One set-based query on the (sensor_id, event_start) index; "most recent belief
/// per event and source" and "most recent event per source" are window functions in SQL. Filters on belief
/// time depend on each event's knowledge time: on PostgreSQL, for a sensor whose knowledge horizon is the same for
/// every event, they are conditions in the same query; otherwise the selection happens here after the query (for
/// "most recent event per source", page by page from each source's latest event back, so memory stays bounded).
/// </summary>
public sealed class BeliefSearch(FlexMeasuresDbContext db)
{
    /// <summary>Rows per statement when walking a source's beliefs back from its latest event.</summary>
    internal const int PageSize = 4096;

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
        var selectInSql = BeliefTimesFilteredInSql(sensor, query);
        if (!selectInSql && query.MostRecentEventsOnly)
        {
            return SelectMostRecent(await LatestHeldEventsAsync(sensor, query, PageSize, cancellationToken), query.MostRecentBeliefsOnly, mostRecentEvents: true);
        }

        var rows = await QueryAsync(sensor, query, selectInSql, cancellationToken);
        if (selectInSql)
        {
            return rows;
        }

        return SelectMostRecent(rows.Where(r => Held(r, query)), query.MostRecentBeliefsOnly, query.MostRecentEventsOnly);
    }

    /// <summary>Whether the belief passes the query's filters on belief time.</summary>
    private static bool Held(BeliefRecord belief, BeliefQuery query) =>
        (query.BeliefsBefore is not { } before || belief.BeliefTime <= before)
        && (query.BeliefsAfter is not { } after || belief.BeliefTime >= after);

    /// <summary>
    /// Per source, the beliefs about its latest event that pass the belief-time filters, when those filters cannot be
    /// SQL: first each source's latest event (one statement), then per source its beliefs from there back in pages of
    /// <paramref name="pageSize"/> rows until an event has a belief that passes. Usually one page per source, and
    /// never all of a sensor's beliefs in memory at once.
    /// </summary>
    internal async Task<List<BeliefRecord>> LatestHeldEventsAsync(Sensor sensor, BeliefQuery query, int pageSize, CancellationToken cancellationToken)
    {
        var provider = db.Provider;
        var parameters = new Dictionary<string, object?>();
        var where = Filters(parameters, provider, sensor, query);
        var latestPerSource = await RunAsync(
            $"SELECT b.source_id, max(b.event_start) FROM timed_belief b WHERE {where} GROUP BY b.source_id ORDER BY b.source_id",
            parameters,
            async reader =>
            {
                var latest = new List<(int Source, DateTime EventStart)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    latest.Add((reader.GetInt32(0), EventStart(reader, 1, provider)));
                }

                return latest;
            },
            cancellationToken);

        var beliefTimes = BeliefTimes(sensor);
        var held = new List<BeliefRecord>();
        foreach (var (source, latest) in latestPerSource)
        {
            var cursor = latest;
            var limit = pageSize;
            while (true)
            {
                var page = new List<BeliefRecord>();
                await ReadAsync(
                    sensor,
                    query,
                    "",
                    $"WHERE source_id = @page_source AND event_start <= @page_cursor ORDER BY event_start DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
                    checkVersions: false,
                    (eventStart, horizon, cp, value, sourceId) => page.Add(new BeliefRecord(eventStart, beliefTimes(eventStart, horizon), horizon, sourceId, cp, value)),
                    cancellationToken,
                    new Dictionary<string, object?> { ["@page_source"] = source, ["@page_cursor"] = Instant(provider, cursor) });
                var full = page.Count == limit;

                // A full page may end inside an event: that event is read again, whole, as the next page's first.
                var events = page.GroupBy(b => b.EventStart).ToList();
                var whole = full ? events[..^1] : events;
                if (whole.Count == 0 && full)
                {
                    limit *= 2; // one event with more beliefs than a page
                    continue;
                }

                if (whole.Select(e => e.Where(b => Held(b, query)).ToList()).FirstOrDefault(e => e.Count > 0) is { } found)
                {
                    held.AddRange(found);
                    break;
                }

                if (!full)
                {
                    break;
                }

                cursor = events[^1].Key;
                limit = pageSize;
            }
        }

        return held;
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

    /// <summary>
    /// For a deterministic series: per event, the beliefs with the latest belief time over all sources (a
    /// probabilistic belief's quantiles together). <see cref="Shortcut{T}.Versioned"/> when the candidate sources
    /// hold several versions of one source, which this ranking would mix up; no value when the shortcut does not
    /// apply (filters on belief time); the caller then takes the general path.
    /// </summary>
    /// <remarks>
    /// For one event every source shares the knowledge time, so the latest belief time is the smallest horizon;
    /// ranking per event only lets PostgreSQL walk the primary key in order instead of sorting. The version check
    /// rides along in the same statement, so the shortcut costs one round trip.
    /// </remarks>
    internal async Task<Shortcut<List<LatestBelief>>> LatestPerEventAsync(Sensor sensor, BeliefQuery query, CancellationToken cancellationToken)
    {
        if (!BeliefTimesFilteredInSql(sensor, query) || query.MostRecentEventsOnly || !query.MostRecentBeliefsOnly)
        {
            return Shortcut<List<LatestBelief>>.NotApplicable;
        }

        var latest = new List<LatestBelief>();
        var versioned = await ReadAsync(
            sensor,
            query,
            ", rank() OVER (PARTITION BY b.event_start ORDER BY b.belief_horizon) AS belief_rank",
            "WHERE belief_rank = 1 ORDER BY event_start, belief_horizon",
            checkVersions: true,
            (eventStart, _, cp, value, source) => latest.Add(new LatestBelief(eventStart, cp, value, source)),
            cancellationToken);
        return versioned ? Shortcut<List<LatestBelief>>.SourcesVersioned : new(latest, Versioned: false);
    }

    /// <summary>
    /// PostgreSQL only: the latest deterministic belief per event, binned in SQL (<c>date_bin</c>) to steps of
    /// <paramref name="step"/> from <paramref name="origin"/>: the mean of each bin, or its first value for
    /// instantaneous sensors. No value when the shortcut does not apply, the candidate sources hold several versions
    /// of one source (then <see cref="Shortcut{T}.Versioned"/>), or a latest belief is probabilistic without a median
    /// quantile; the caller then takes the general path.
    /// </summary>
    internal async Task<Shortcut<List<(DateTime Bin, double Value)>>> BinnedLatestAsync(
        Sensor sensor, BeliefQuery query, DateTime origin, TimeSpan step, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres || step >= TimeSpan.FromDays(1) || step < sensor.EventResolution
            || !BeliefTimesFilteredInSql(sensor, query) || query.MostRecentEventsOnly || !query.MostRecentBeliefsOnly)
        {
            return Shortcut<List<(DateTime Bin, double Value)>>.NotApplicable;
        }

        var parameters = new Dictionary<string, object?>();
        var where = Filters(parameters, DatabaseProvider.Postgres, sensor, query);
        parameters["@origin"] = origin;
        parameters["@step"] = step;
        var aggregate = sensor.EventResolution > TimeSpan.Zero ? "avg(event_value)" : "(array_agg(event_value ORDER BY event_start))[1]";

        // Per event the latest belief time is the smallest horizon (all sources share the knowledge time); of a
        // probabilistic belief, the median quantile. The version check is an uncorrelated subquery: run once.
        var sql = $"""
            SELECT date_bin(@step, event_start, @origin) AS bin, {aggregate} AS value, bool_and(cumulative_probability = 0.5) AS deterministic,
              {VersionedSources(parameters, query)} AS versioned
            FROM (
              SELECT DISTINCT ON (b.event_start) b.event_start, b.event_value, b.cumulative_probability
              FROM timed_belief b
              WHERE {where}
              ORDER BY b.event_start, b.belief_horizon, b.source_id DESC, (b.cumulative_probability = 0.5) DESC
            ) latest
            GROUP BY bin
            ORDER BY bin
            """;
        return await RunAsync(
            sql,
            parameters,
            async reader =>
            {
                var bins = new List<(DateTime Bin, double Value)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetBoolean(3))
                    {
                        return Shortcut<List<(DateTime Bin, double Value)>>.SourcesVersioned;
                    }

                    if (!reader.GetBoolean(2))
                    {
                        return Shortcut<List<(DateTime Bin, double Value)>>.NotApplicable;
                    }

                    bins.Add((reader.GetFieldValue<DateTime>(0), reader.GetDouble(1)));
                }

                return new Shortcut<List<(DateTime Bin, double Value)>>(bins, Versioned: false);
            },
            cancellationToken);
    }

    /// <summary>
    /// SQL that is true when the candidate sources (those the query's source filters admit) hold several versions of
    /// one source: the same name, type and model more than once.
    /// </summary>
    private static string VersionedSources(Dictionary<string, object?> parameters, BeliefQuery query) =>
        $"EXISTS (SELECT 1 FROM data_source s{(SourceCondition(parameters, query) is { } condition ? " WHERE " + condition : "")} GROUP BY s.name, s.type, s.model HAVING count(*) > 1)";

    private async Task<List<BeliefRecord>> QueryAsync(Sensor sensor, BeliefQuery query, bool selectInSql, CancellationToken cancellationToken)
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
            ranks.ToString(),
            $"{(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")} ORDER BY event_start, source_id, belief_horizon DESC, cumulative_probability",
            checkVersions: false,
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

    /// <summary>
    /// Runs one query over the sensor's beliefs with the query's filters, handing each row to <paramref name="row"/>.
    /// With <paramref name="checkVersions"/>, returns true (and reads no rows) when the candidate sources are versioned.
    /// </summary>
    private async Task<bool> ReadAsync(
        Sensor sensor,
        BeliefQuery query,
        string ranks,
        string selection,
        bool checkVersions,
        Action<DateTime, TimeSpan, double, double, int> row,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? selectionParameters = null)
    {
        var provider = db.Provider;
        var parameters = new Dictionary<string, object?>();
        var where = Filters(parameters, provider, sensor, query);
        foreach (var (name, value) in selectionParameters ?? new Dictionary<string, object?>())
        {
            parameters[name] = value;
        }

        var versioned = checkVersions ? $", {VersionedSources(parameters, query)} AS versioned" : "";
        var sql = $"""
            SELECT event_start, belief_horizon, cumulative_probability, event_value, source_id{versioned} FROM (
              SELECT b.event_start, b.belief_horizon, b.cumulative_probability, b.event_value, b.source_id{ranks}
              FROM timed_belief b
              WHERE {where}
            ) ranked
            {selection}
            """;
        return await RunAsync(
            sql,
            parameters,
            async reader =>
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (checkVersions && reader.GetBoolean(5))
                    {
                        return true;
                    }

                    var eventStart = EventStart(reader, 0, provider);
                    var horizon = provider == DatabaseProvider.Postgres ? reader.GetFieldValue<TimeSpan>(1) : TimeSpan.FromTicks(reader.GetInt64(1));
                    row(eventStart, horizon, reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4));
                }

                return false;
            },
            cancellationToken);
    }

    /// <summary>An instant column as UTC: <c>timestamptz</c> on PostgreSQL, ISO 8601 text on SQLite.</summary>
    private static DateTime EventStart(DbDataReader reader, int column, DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres
            ? reader.GetFieldValue<DateTime>(column)
            : DateTime.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Runs <paramref name="sql"/> through EF Core's command pipeline (the context's connection and transaction, its
    /// logging, diagnostics and interceptors, so a request's statements can be counted), reading with <paramref name="read"/>.
    /// </summary>
    private async Task<T> RunAsync<T>(string sql, Dictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(sql);
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        foreach (var (name, value) in parameters)
        {
            builder.AddParameter(name, name, mappings.GetMappingForValue(value), nullable: false);
        }

        var command = builder.Build();
        await using var reader = await command.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(),
                parameters,
                readerColumns: null,
                db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.FromSqlQuery),
            cancellationToken);
        return await read(reader.DbDataReader);
    }

    /// <summary>
    /// The WHERE clause (on alias <c>b</c>) for the query's sensor, window, horizons and sources; adds its parameters.
    /// The source filters are a subquery on <c>data_source</c>, so they cost no round trip of their own.
    /// </summary>
    private static StringBuilder Filters(Dictionary<string, object?> parameters, DatabaseProvider provider, Sensor sensor, BeliefQuery query)
    {
        var where = new StringBuilder("b.sensor_id = @sensor");
        parameters["@sensor"] = sensor.Id;

        // Always within the supported instants: a row written around the platform (e.g. year 9999 by SQL) is never read.
        var from = query.EventStartsFrom is { } f && f > SupportedInstants.Earliest ? f : SupportedInstants.Earliest;
        where.Append(" AND b.event_start >= @from");
        parameters["@from"] = Instant(provider, from);

        // Events end at start + resolution; PostgreSQL keeps microseconds.
        var end = query.EventEndsBefore is { } e && e < SupportedInstants.End ? e : SupportedInstants.End;
        var lastStart = sensor.EventResolution > TimeSpan.Zero ? end - sensor.EventResolution : end - TimeSpan.FromMicroseconds(1);
        where.Append(" AND b.event_start <= @last");
        parameters["@last"] = Instant(provider, lastStart);

        if (query.HorizonsAtLeast is { } atLeast)
        {
            where.Append(" AND b.belief_horizon >= @hmin");
            parameters["@hmin"] = Duration(provider, atLeast);
        }

        if (query.HorizonsAtMost is { } atMost)
        {
            where.Append(" AND b.belief_horizon <= @hmax");
            parameters["@hmax"] = Duration(provider, atMost);
        }

        // On UTC wall-clock time (timestamp without zone), where subtracting an interval's day is exactly 24 hours, as
        // the platform reads horizons; on timestamptz it would follow the session's time zone across DST changes.
        if (provider == DatabaseProvider.Postgres && ConstantKnowledgeHorizon(sensor) is { } knowledgeHorizon)
        {
            if (query.BeliefsBefore is { } before)
            {
                where.Append(" AND (b.event_start AT TIME ZONE 'UTC') - b.belief_horizon <= (@bbefore AT TIME ZONE 'UTC')");
                parameters["@bbefore"] = before + knowledgeHorizon;
            }

            if (query.BeliefsAfter is { } after)
            {
                where.Append(" AND (b.event_start AT TIME ZONE 'UTC') - b.belief_horizon >= (@bafter AT TIME ZONE 'UTC')");
                parameters["@bafter"] = after + knowledgeHorizon;
            }
        }

        if (SourceCondition(parameters, query) is { } sources)
        {
            where.Append(" AND b.source_id IN (SELECT s.id FROM data_source s WHERE ").Append(sources).Append(')');
        }

        return where;
    }

    /// <summary>The query's source filters as a condition on <c>data_source</c> alias <c>s</c>; null when it has none.</summary>
    private static string? SourceCondition(Dictionary<string, object?> parameters, BeliefQuery query)
    {
        var conditions = new List<string>();
        if (query.SourceIds is { } ids)
        {
            // Integers, so written into the SQL: a long list of ids takes no parameter each.
            conditions.Add(ids.Count == 0 ? "1 = 0" : $"s.id IN ({string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))})");
        }

        if (query.SourceNames is { } names)
        {
            conditions.Add(InList(parameters, "s.name", "@source_name", names));
        }

        if (query.SourceTypes is { } types)
        {
            conditions.Add(InList(parameters, "s.type", "@source_type", types));
        }

        if (query.SourceAccountId is { } account)
        {
            parameters["@source_account"] = account;
            conditions.Add("s.account_id = @source_account");
        }

        return conditions.Count == 0 ? null : string.Join(" AND ", conditions);
    }

    private static string InList(Dictionary<string, object?> parameters, string column, string prefix, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return "1 = 0";
        }

        var names = values.Select((value, i) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}");
            parameters[name] = value;
            return name;
        });
        return $"{column} IN ({string.Join(", ", names)})";
    }

    private static object Instant(DatabaseProvider provider, DateTime utc) =>
        provider == DatabaseProvider.Postgres ? utc : BeliefWriter.SqliteInstant(utc);

    private static object Duration(DatabaseProvider provider, TimeSpan duration) =>
        provider == DatabaseProvider.Postgres ? duration : duration.Ticks;
}

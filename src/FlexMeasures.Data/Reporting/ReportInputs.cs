using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Reporting;

/// <summary>
/// Reads a report's input series through <see cref="SeriesReader"/> (so the belief rules, resampling and unit
/// conversion are the ones every read uses), with the report's source rules on top.
/// </summary>
public sealed class ReportInputs(FlexMeasuresDbContext db, SeriesReader reader)
{
    /// <summary>
    /// One value per step of <paramref name="resolution"/> over [start, end), in <paramref name="unit"/>, from beliefs held
    /// at or before <paramref name="beliefTime"/>. With several sources, the first one listed that has a value wins;
    /// versions of one source count as one, in the place of the first listed, and per event the latest of them wins.
    /// Without sources, the window's data must come from one source (or versions of one source): mixing, say,
    /// measurements and a schedule would make a report silently wrong, so that is refused, as FlexMeasures does.
    /// </summary>
    /// <param name="anySource">Skip the one-source rule (for a series such as prices, which reporters do not filter by source).</param>
    /// <exception cref="InvalidInputException">Several sources without a filter; a unit that does not convert; an unknown source.</exception>
    public async Task<SensorSeries> ReadAsync(
        Sensor sensor,
        IReadOnlyList<int> sourceIds,
        bool anySource,
        DateTime start,
        DateTime end,
        TimeSpan resolution,
        string unit,
        DateTime beliefTime,
        string field,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(sourceIds);
        if (sourceIds.Count == 0)
        {
            if (!anySource)
            {
                await RequireOneSourceAsync(sensor, start, end, field, cancellationToken);
            }

            return await ReadOneAsync(sensor, null, start, end, resolution, unit, beliefTime, field, cancellationToken);
        }

        SensorSeries? merged = null;
        foreach (var versions in await VersionGroupsAsync(sourceIds, cancellationToken))
        {
            var series = await ReadOneAsync(sensor, versions, start, end, resolution, unit, beliefTime, field, cancellationToken);
            merged = merged is null
                ? series
                : merged with { Values = [.. merged.Values.Zip(series.Values, (first, next) => first ?? next)] };
        }

        return merged!;
    }

    /// <summary>
    /// The listed sources with versions of one source read together (so the reader's latest-version-per-event rule
    /// decides between them, as in FlexMeasures), each group in the place of its first listed member. An id that is
    /// no source stays on its own, for the reader to name.
    /// </summary>
    private async Task<List<List<int>>> VersionGroupsAsync(IReadOnlyList<int> sourceIds, CancellationToken cancellationToken)
    {
        var ids = sourceIds.Distinct().ToList();
        var ranks = ids.Count <= 1
            ? new Dictionary<int, SourceRank>()
            : SourceVersions.Ranks(await db.DataSources.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken));
        return [.. ids
            .GroupBy(id => ranks.TryGetValue(id, out var rank) ? rank.Group : -1 - id)
            .Select(g => g.ToList())];
    }

    private async Task<SensorSeries> ReadOneAsync(
        Sensor sensor, IReadOnlyList<int>? sourceIds, DateTime start, DateTime end, TimeSpan resolution, string unit, DateTime beliefTime, string field, CancellationToken cancellationToken)
    {
        var beliefs = new BeliefQuery { SensorId = sensor.Id, BeliefsBefore = beliefTime, SourceIds = sourceIds };
        try
        {
            return await reader.ReadAsync(sensor, new SeriesQuery(sensor.Id, start, end - start, resolution, unit, beliefs), cancellationToken);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(field, string.Create(CultureInfo.InvariantCulture, $"sensor {sensor.Id} ({sensor.Name}): {e.Field}: {e.Message}"));
        }
    }

    /// <exception cref="InvalidInputException">Field <c>…sources</c>: the window holds data of sources that are not versions of one another.</exception>
    private async Task RequireOneSourceAsync(Sensor sensor, DateTime start, DateTime end, string field, CancellationToken cancellationToken)
    {
        var ids = await db.TimedBeliefs.AsNoTracking()
            .Where(b => b.SensorId == sensor.Id && b.EventStart >= start && b.EventStart < end)
            .Select(b => b.SourceId).Distinct().ToListAsync(cancellationToken);
        if (ids.Count <= 1)
        {
            return;
        }

        var sources = await db.DataSources.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        if (SourceVersions.Latest(sources).Count > 1)
        {
            throw new InvalidInputException(
                $"{field}.sources",
                string.Create(CultureInfo.InvariantCulture, $"sensor {sensor.Id} ({sensor.Name}) has data from several sources in this window (ids {string.Join(", ", ids.Order())}); name the ones to use in \"sources\" (the first listed wins where several have a value)"));
        }
    }
}

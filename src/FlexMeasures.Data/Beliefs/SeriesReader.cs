using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Turns beliefs into the regular series users ask for: the most recent beliefs, one deterministic value per
/// event (per event the latest version of each source, then the latest belief time, then the median of a
/// probabilistic belief), resampled to the requested resolution and converted to the requested unit.
/// </summary>
public sealed class SeriesReader(FlexMeasuresDbContext db, BeliefSearch search)
{
    /// <exception cref="InvalidInputException">Unknown sensor, or see <see cref="ReadAsync(Sensor, SeriesQuery, CancellationToken)"/>.</exception>
    public async Task<SensorSeries> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SensorId, cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {query.SensorId}");
        return await ReadAsync(sensor, query, cancellationToken);
    }

    /// <summary>The series of a sensor the caller has already loaded (e.g. to check access to it), in one data query on the common path.</summary>
    /// <exception cref="InvalidInputException">
    /// Bad window or resolution, a unit that does not convert (field <c>unit</c>), more values than allowed, or a
    /// source filter naming a source that does not exist (field <c>source</c>).
    /// </exception>
    public async Task<SensorSeries> ReadAsync(Sensor sensor, SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(query);
        if (query.SensorId != sensor.Id)
        {
            throw new ArgumentException($"The query is for sensor {query.SensorId}, not for sensor {sensor.Id}.", nameof(query));
        }

        if (query.Duration <= TimeSpan.Zero)
        {
            throw new InvalidInputException("duration", "must be positive");
        }

        SupportedInstants.Require(query.Start, "start");
        if (!SupportedInstants.ContainsWindow(query.Start, query.Duration))
        {
            throw new InvalidInputException("duration", SupportedInstants.WindowProblem);
        }

        var resolution = query.Resolution ?? (sensor.EventResolution > TimeSpan.Zero
            ? sensor.EventResolution
            : Resampler.DefaultInstantaneousResolution(query.Duration));
        if (resolution <= TimeSpan.Zero)
        {
            throw new InvalidInputException("resolution", "must be positive");
        }

        if (query.MaxValues is { } limit)
        {
            CheckSize(query.Duration, sensor.EventResolution > TimeSpan.Zero && sensor.EventResolution < resolution ? sensor.EventResolution : resolution, limit);
        }

        var unit = query.Unit ?? sensor.Unit;
        var conversion = Conversion(sensor, unit, resolution);
        var end = query.Start + query.Duration;
        var beliefQuery = (query.Beliefs ?? new BeliefQuery { SensorId = sensor.Id }) with
        {
            SensorId = sensor.Id,
            EventStartsFrom = query.Start,
            EventEndsBefore = end,
        };
        var steps = Resampler.BinStarts(query.Start, end, resolution, sensor.Timezone);
        double?[] values;
        var binned = await search.BinnedLatestAsync(sensor, beliefQuery, query.Start, resolution, cancellationToken);
        if (binned.Value is { } bins)
        {
            var byStep = bins.ToDictionary(b => b.Bin, b => conversion.Apply(b.Value));
            values = [.. steps.Select(s => byStep.TryGetValue(s, out var v) ? v : (double?)null)];
        }
        else
        {
            // Versions found by the binned shortcut rule out the next one too: straight to the general path.
            var latest = binned.Versioned ? null : (await search.LatestPerEventAsync(sensor, beliefQuery, cancellationToken)).Value;
            var events = latest is not null
                ? OnePerEvent(latest)
                : await OnePerEventAsync(await search.SearchAsync(sensor, beliefQuery, cancellationToken), cancellationToken);
            values = [.. Resampler.Resample(events, sensor.EventResolution, query.Start, end, resolution, sensor.Timezone)
                .Select(v => v is { } x ? conversion.Apply(x) : (double?)null)];
        }

        if (values.All(v => v is null) && beliefQuery.SourceIds is { Count: > 0 } sourceIds)
        {
            // Only an empty answer can come from a source that does not exist, so only then is it looked up.
            await RequireSourcesAsync(sourceIds, cancellationToken);
        }

        return new SensorSeries(query.Start, query.Duration, resolution, unit, steps, values);
    }

    /// <exception cref="InvalidInputException">Field <c>source</c>: one of the sources does not exist.</exception>
    private async Task RequireSourcesAsync(IReadOnlyCollection<int> sourceIds, CancellationToken cancellationToken)
    {
        var found = await db.DataSources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        if (sourceIds.Except(found).Order().ToList() is [var missing, ..])
        {
            throw new InvalidInputException("source", $"Data source with id {missing} doesn't exist.");
        }
    }

    /// <summary>Refuses a window with more steps than the limit; the memory a read takes grows with its steps.</summary>
    private static void CheckSize(TimeSpan duration, TimeSpan step, int limit)
    {
        var steps = Math.Ceiling((double)duration.Ticks / step.Ticks);
        if (steps > limit)
        {
            throw new InvalidInputException(
                "duration",
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"This window holds {steps:0} values of {Time.IsoDuration.Format(step)}; the limit is {limit} values per response (FLEXMEASURES_MAX_VALUES_PER_RESPONSE). Ask for a shorter window."));
        }
    }

    /// <summary>One value per event from rows ordered by event: the highest source id among ties, then the median.</summary>
    private static List<(DateTime EventStart, double Value)> OnePerEvent(List<LatestBelief> latest)
    {
        var events = new List<(DateTime EventStart, double Value)>(latest.Count);
        for (var i = 0; i < latest.Count;)
        {
            var j = i + 1;
            while (j < latest.Count && latest[j].EventStart == latest[i].EventStart)
            {
                j++;
            }

            if (j == i + 1)
            {
                events.Add((latest[i].EventStart, latest[i].Value));
            }
            else
            {
                var source = latest.Skip(i).Take(j - i).Max(b => b.SourceId);
                events.Add((latest[i].EventStart, Median(latest.Skip(i).Take(j - i).Where(b => b.SourceId == source)
                    .Select(b => new BeliefRecord(b.EventStart, default, default, b.SourceId, b.CumulativeProbability, b.Value)))));
            }

            i = j;
        }

        return events;
    }

    /// <summary>
    /// One deterministic value per event: per event the latest version of each source that has a belief about it, then
    /// the latest belief time (ties: the higher source id), then the median of a probabilistic belief.
    /// </summary>
    internal async Task<List<(DateTime EventStart, double Value)>> OnePerEventAsync(IReadOnlyList<BeliefRecord> beliefs, CancellationToken cancellationToken)
    {
        var sourceIds = beliefs.Select(b => b.SourceId).Distinct().ToList();
        var ranks = sourceIds.Count <= 1
            ? null
            : SourceVersions.Ranks(await db.DataSources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToListAsync(cancellationToken));
        return beliefs
            .GroupBy(b => b.EventStart)
            .Select(e =>
            {
                var candidates = ranks is null ? e : SourceVersions.KeepLatestPerEvent([.. e], b => b.SourceId, ranks);
                var latest = candidates.GroupBy(b => (b.SourceId, b.BeliefTime))
                    .OrderByDescending(g => g.Key.BeliefTime).ThenByDescending(g => g.Key.SourceId)
                    .First();
                return (e.Key, Median(latest));
            })
            .OrderBy(e => e.Key)
            .ToList();
    }

    /// <summary>The value at cumulative probability 0.5, interpolated between the nearest quantiles around it.</summary>
    internal static double Median(IEnumerable<BeliefRecord> probabilistic)
    {
        var quantiles = probabilistic.OrderBy(b => b.CumulativeProbability).ToList();
        var below = quantiles.LastOrDefault(b => b.CumulativeProbability <= 0.5);
        var above = quantiles.FirstOrDefault(b => b.CumulativeProbability >= 0.5);
        if (below is null || above is null)
        {
            return (below ?? above)!.Value;
        }

        return below.CumulativeProbability == above.CumulativeProbability
            ? below.Value
            : below.Value + ((above.Value - below.Value) * (0.5 - below.CumulativeProbability) / (above.CumulativeProbability - below.CumulativeProbability));
    }

    /// <summary>From the sensor's unit to the asked one; a percentage uses the sensor's capacity attribute.</summary>
    internal static UnitConversion Conversion(Sensor sensor, string unit, TimeSpan resolution) =>
        SensorUnits.Between(sensor, sensor.Unit, unit, sensor.EventResolution > TimeSpan.Zero ? sensor.EventResolution : resolution);
}

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Charts;

/// <summary>
/// What a graph of some sensors draws: per sensor and source the beliefs the belief search finds (one point per
/// event and belief time, a probabilistic belief as its median), optionally resampled, and reduced keeping peaks
/// when there are more than the graph can show. One search per sensor and one look-up of the sources.
/// </summary>
public sealed class ChartData(FlexMeasuresDbContext db, BeliefSearch search)
{
    /// <summary>The charts of <paramref name="sensors"/> (already loaded and access-checked by the caller), in their order.</summary>
    /// <exception cref="InvalidInputException">
    /// A bad query: <c>max_points</c> too small, a window that ends before it starts (<c>event_ends_before</c>), or a
    /// <c>resolution</c> that is not positive or comes without a whole event window.
    /// </exception>
    public async Task<IReadOnlyList<SensorChart>> ReadAsync(IReadOnlyList<Sensor> sensors, ChartQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(query);
        Check(query);

        var found = new List<(Sensor Sensor, List<(int SourceId, List<ChartPoint> Points)> Series)>(sensors.Count);
        foreach (var sensor in sensors)
        {
            var beliefs = await search.SearchAsync(
                sensor,
                new BeliefQuery
                {
                    SensorId = sensor.Id,
                    EventStartsFrom = query.EventStartsAfter,
                    EventEndsBefore = query.EventEndsBefore,
                    BeliefsBefore = query.BeliefsBefore,
                    BeliefsAfter = query.BeliefsAfter,
                    MostRecentBeliefsOnly = query.MostRecentBeliefsOnly,
                },
                cancellationToken);
            found.Add((sensor, PerSource(sensor, beliefs, query)));
        }

        var sourceIds = found.SelectMany(f => f.Series.Select(s => s.SourceId)).Distinct().ToList();
        var sources = sourceIds.Count == 0
            ? []
            : await db.DataSources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return [.. found.Select(f => new SensorChart(f.Sensor, [.. f.Series.OrderBy(s => s.SourceId).Select(s =>
        {
            var source = sources[s.SourceId];
            var (points, bucket) = PeakReduction.Reduce(s.Points, query.MaxPoints);
            return new ChartSeries(source, ChartKinds.Of(source.Type), s.Points.Count, bucket, points);
        })]))];
    }

    private static void Check(ChartQuery query)
    {
        if (query.MaxPoints < ChartQuery.MinMaxPoints)
        {
            throw new InvalidInputException("max_points", $"Must be greater than or equal to {ChartQuery.MinMaxPoints}.");
        }

        if (query is { EventStartsAfter: { } start, EventEndsBefore: { } end } && end <= start)
        {
            throw new InvalidInputException("event_ends_before", "Must be later than event_starts_after.");
        }

        if (query.Resolution is { } resolution)
        {
            if (resolution <= TimeSpan.Zero)
            {
                throw new InvalidInputException("resolution", "Must be a positive duration.");
            }

            if (query.EventStartsAfter is null || query.EventEndsBefore is null)
            {
                throw new InvalidInputException("resolution", "Resampling needs a whole event window: give event_starts_after and event_ends_before too.");
            }
        }
    }

    /// <summary>
    /// The beliefs of each source as points in time order. The search orders beliefs by event, source, belief time and
    /// probability, so the quantiles of one probabilistic belief come together.
    /// </summary>
    private static List<(int SourceId, List<ChartPoint> Points)> PerSource(Sensor sensor, IReadOnlyList<BeliefRecord> beliefs, ChartQuery query)
    {
        var bySource = new Dictionary<int, List<ChartPoint>>();
        for (var i = 0; i < beliefs.Count;)
        {
            var first = beliefs[i];
            var j = i + 1;
            while (j < beliefs.Count && beliefs[j].EventStart == first.EventStart && beliefs[j].SourceId == first.SourceId && beliefs[j].BeliefHorizon == first.BeliefHorizon)
            {
                j++;
            }

            var value = j == i + 1 ? first.Value : SeriesReader.Median(beliefs.Skip(i).Take(j - i));
            if (!bySource.TryGetValue(first.SourceId, out var points))
            {
                points = [];
                bySource[first.SourceId] = points;
            }

            points.Add(new ChartPoint(first.EventStart, value, first.BeliefTime, first.BeliefHorizon));
            i = j;
        }

        return [.. bySource.Select(s => (s.Key, query.Resolution is { } resolution ? Resampled(sensor, s.Value, query, resolution) : s.Value))];
    }

    /// <summary>The source's points resampled as the sensor data API resamples; a bin mixes beliefs, so it has no belief time.</summary>
    private static List<ChartPoint> Resampled(Sensor sensor, List<ChartPoint> points, ChartQuery query, TimeSpan resolution)
    {
        var (start, end) = (query.EventStartsAfter!.Value, query.EventEndsBefore!.Value);
        var bins = Resampler.BinStarts(start, end, resolution, sensor.Timezone);
        var values = Resampler.Resample([.. points.Select(p => (p.EventStart, p.Value))], sensor.EventResolution, start, end, resolution, sensor.Timezone);
        var resampled = new List<ChartPoint>(bins.Count);
        for (var bin = 0; bin < bins.Count; bin++)
        {
            if (values[bin] is { } value)
            {
                resampled.Add(new ChartPoint(bins[bin], value, null, null));
            }
        }

        return resampled;
    }
}

namespace FlexMeasures.Data.Charts;

/// <summary>
/// Thins a series for a graph without losing its peaks: the time from the first to the last point is cut into equal
/// buckets, and of each bucket only the lowest and the highest point are kept, with the first and the last point of
/// the series; all in time order. A graph of the result shows the same outline as one of every point, as long as a
/// bucket is no wider than a pixel column.
/// </summary>
public static class PeakReduction
{
    /// <summary>The points, reduced to at most <paramref name="maxPoints"/> when there are more.</summary>
    /// <param name="points">Ordered by event start.</param>
    /// <param name="maxPoints">At least <see cref="ChartQuery.MinMaxPoints"/>.</param>
    /// <returns>The kept points, and the bucket width (whole seconds) when something was left out.</returns>
    public static (IReadOnlyList<ChartPoint> Points, TimeSpan? Bucket) Reduce(IReadOnlyList<ChartPoint> points, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, ChartQuery.MinMaxPoints);
        if (points.Count <= maxPoints)
        {
            return (points, null);
        }

        // Two points per bucket, plus the first and the last of the series.
        var buckets = (maxPoints - 2) / 2;
        var origin = points[0].EventStart;
        var span = points[^1].EventStart - origin;
        var width = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(span.TotalSeconds / buckets)));
        var lowest = new int[buckets];
        var highest = new int[buckets];
        Array.Fill(lowest, -1);
        Array.Fill(highest, -1);
        for (var i = 1; i < points.Count - 1; i++)
        {
            var bucket = (int)Math.Min(buckets - 1, (points[i].EventStart - origin).Ticks / width.Ticks);
            if (lowest[bucket] < 0 || points[i].Value < points[lowest[bucket]].Value)
            {
                lowest[bucket] = i;
            }

            if (highest[bucket] < 0 || points[i].Value > points[highest[bucket]].Value)
            {
                highest[bucket] = i;
            }
        }

        var kept = new List<ChartPoint>(maxPoints) { points[0] };
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            var (first, second) = (Math.Min(lowest[bucket], highest[bucket]), Math.Max(lowest[bucket], highest[bucket]));
            if (first >= 0)
            {
                kept.Add(points[first]);
            }

            if (second != first)
            {
                kept.Add(points[second]);
            }
        }

        kept.Add(points[^1]);
        return (kept, width);
    }
}

using System.Diagnostics;

namespace FlexMeasures.Benchmarks;

/// <summary>Repeated timings and their order statistics, shared by the benchmarks.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="work"/> <paramref name="warmups"/> + <paramref name="runs"/> times; the milliseconds of the counted runs.</summary>
    public static async Task<List<double>> RepeatAsync(int runs, Func<Task> work, int warmups = 2)
    {
        var times = new List<double>(runs);
        for (var run = 0; run < warmups + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            if (run >= warmups)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    /// <summary>The <paramref name="p"/>-quantile, interpolated between the two nearest ranks.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.Synthetic;

public sealed class SyntheticDemandTests
{
    [Fact]
    public void HalfHourly_IsDeterministicPerSeed()
    {
        Assert.Equal(SyntheticDemand.HalfHourly(TestSeries.Start, 2, 1), SyntheticDemand.HalfHourly(TestSeries.Start, 2, 1));
        Assert.NotEqual(SyntheticDemand.HalfHourly(TestSeries.Start, 2, 1), SyntheticDemand.HalfHourly(TestSeries.Start, 2, 2));
    }

    [Fact]
    public void HalfHourly_LooksLikeDemand()
    {
        var series = SyntheticDemand.HalfHourly(TestSeries.Start, 8, 4);
        var values = series.Values.Select(v => v!.Value).ToArray();
        double MeanWhere(Func<DateTime, bool> select) =>
            values.Where((_, i) => select(series.TimeAt(i))).Average();
        static bool Weekday(DateTime t) => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        Assert.Equal(8 * 7 * 48, series.Count);
        Assert.All(values, v => Assert.InRange(v, 300, 2500));
        Assert.True(MeanWhere(t => t.Hour is 3 or 4) < 0.8 * MeanWhere(t => t.Hour is 18 or 19 && Weekday(t)));
        Assert.True(MeanWhere(t => Weekday(t)) > 1.05 * MeanWhere(t => !Weekday(t)));

        // The noise is autocorrelated: differences from a week before are far from independent step to step.
        var weekly = Enumerable.Range(7 * 48, values.Length - (7 * 48)).Select(i => values[i] - values[i - (7 * 48)]).ToArray();
        Assert.True(Correlation(weekly[..^1], weekly[1..]) > 0.5);
    }

    private static double Correlation(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}

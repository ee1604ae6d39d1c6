using FlexMeasures.Data.Charts;

namespace FlexMeasures.Data.Tests.Charts;

public sealed class PeakReductionTests
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>A year of quarter-hours: a daily wave with one spike up and one down somewhere in the middle.</summary>
    private static List<ChartPoint> Year(int spikeUp = 20_000, int spikeDown = 27_777)
    {
        var points = new List<ChartPoint>(35_040);
        for (var i = 0; i < 35_040; i++)
        {
            var value = i == spikeUp ? 1_000 : i == spikeDown ? -1_000 : Math.Sin(i * 2 * Math.PI / 96) * 10;
            var eventStart = Start + (i * Quarter);
            points.Add(new ChartPoint(eventStart, value, eventStart + Quarter, TimeSpan.Zero));
        }

        return points;
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(1000)]
    [InlineData(101)]
    [InlineData(4)]
    public void Reduce_KeepsAtMostMaxPoints_InTimeOrder(int maxPoints)
    {
        var (points, bucket) = PeakReduction.Reduce(Year(), maxPoints);

        Assert.InRange(points.Count, 3, maxPoints);
        Assert.NotNull(bucket);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.EventStart < p.Second.EventStart));
    }

    [Theory]
    [InlineData(3000, 1, 34_000)]
    [InlineData(500, 17_000, 100)]
    [InlineData(4, 5, 35_000)]
    public void Reduce_KeepsTheMaximumAndMinimum_WhereverTheyAre(int maxPoints, int spikeUp, int spikeDown)
    {
        var year = Year(spikeUp, spikeDown);

        var (points, _) = PeakReduction.Reduce(year, maxPoints);

        Assert.Contains(year[spikeUp], points);
        Assert.Contains(year[spikeDown], points);
        Assert.Equal(1_000, points.Max(p => p.Value));
        Assert.Equal(-1_000, points.Min(p => p.Value));
    }

    [Fact]
    public void Reduce_KeepsTheFirstAndLastPoint_AndEveryBucketsExtremes()
    {
        var year = Year();

        var (points, bucket) = PeakReduction.Reduce(year, 3000);

        Assert.Equal(year[0], points[0]);
        Assert.Equal(year[^1], points[^1]);

        // 1499 buckets over a year less a quarter-hour: each just under 6 hours, rounded up to whole seconds.
        Assert.Equal(TimeSpan.FromSeconds(Math.Ceiling((year[^1].EventStart - Start).TotalSeconds / 1499)), bucket);
        var width = bucket!.Value;
        foreach (var group in year.Skip(1).SkipLast(1).GroupBy(p => Math.Min(1498, (p.EventStart - Start).Ticks / width.Ticks)))
        {
            Assert.Contains(group.MaxBy(p => p.Value), points);
            Assert.Contains(group.MinBy(p => p.Value), points);
        }
    }

    [Fact]
    public void Reduce_ReturnsTheSeriesUnchanged_WhenItFits()
    {
        var day = Year().Take(96).ToList();

        var (points, bucket) = PeakReduction.Reduce(day, 96);

        Assert.Same(day, points);
        Assert.Null(bucket);
    }

    [Fact]
    public void Reduce_KeepsOnePointPerBucket_WhenLowestAndHighestAreTheSame()
    {
        var flat = Enumerable.Range(0, 1000).Select(i => new ChartPoint(Start + (i * Quarter), 5, null, null)).ToList();

        var (points, _) = PeakReduction.Reduce(flat, 100);

        // 49 buckets of about 20 points, each keeping its first point once, with the series' first and last.
        Assert.Equal(51, points.Count);
        Assert.Equal(points.Count, points.Distinct().Count());
    }

    [Fact]
    public void Reduce_Throws_WhenMaxPointsLeavesNoBucket()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PeakReduction.Reduce(Year(), 3));
    }
}

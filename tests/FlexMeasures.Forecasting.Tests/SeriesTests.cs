namespace FlexMeasures.Forecasting.Tests;

public sealed class SeriesTests
{
    [Fact]
    public void Helpers_DescribeTheGrid_WhenSeriesIsRegular()
    {
        var series = TestSeries.Counting(4);

        Assert.Equal(TestSeries.Start.AddHours(2), series.End);
        Assert.Equal(TestSeries.Start.AddMinutes(90), series.TimeAt(3));
        Assert.Equal(2, series.IndexOf(TestSeries.Start.AddHours(1)));
        Assert.Equal(-1, series.IndexOf(TestSeries.Start.AddMinutes(10)));
        Assert.Equal(-1, series.IndexOf(TestSeries.Start.AddHours(2)));
        Assert.Equal(3.0, series.ValueAt(TestSeries.Start.AddMinutes(90)));
        Assert.Null(series.ValueAt(TestSeries.Start.AddDays(-1)));
    }

    [Theory]
    [InlineData(0, 60, 0, 2)]
    [InlineData(10, 60, 1, 1)]
    [InlineData(-60, 600, 0, 4)]
    [InlineData(90, 60, 3, 0)]
    public void Slice_KeepsEventsStartingInWindow_ClippedToSeries(int fromMinutes, int untilMinutes, int firstValue, int count)
    {
        var slice = TestSeries.Counting(4).Slice(TestSeries.Start.AddMinutes(fromMinutes), TestSeries.Start.AddMinutes(untilMinutes));

        Assert.Equal(count, slice.Count);
        if (count > 0)
        {
            Assert.Equal(firstValue, slice.Values[0]);
            Assert.Equal(TestSeries.Start.AddMinutes(30 * firstValue), slice.Start);
        }
    }

    [Fact]
    public void Constructor_Throws_WhenStartIsNotUtc()
    {
        Assert.Throws<ArgumentException>(() => new Series(new DateTime(2024, 1, 1), TestSeries.HalfHour, []));
    }

    [Fact]
    public void Equals_ComparesValues_WhenListsDiffer()
    {
        Assert.Equal(TestSeries.Counting(3), TestSeries.Counting(3));
        Assert.NotEqual(TestSeries.Counting(3), TestSeries.Counting(4));
    }
}

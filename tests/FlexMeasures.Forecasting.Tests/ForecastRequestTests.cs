namespace FlexMeasures.Forecasting.Tests;

public sealed class ForecastRequestTests
{
    [Theory]
    [InlineData(0, 47)]
    [InlineData(30, 46)]
    [InlineData(45, 45)]
    [InlineData(60, 45)]
    [InlineData(1440, -1)]
    public void LastKnownIndex_IsLastEventEndingByBeliefTime(int horizonMinutes, int expected)
    {
        // The event at index 48 starts at 24:00; events end half an hour after their start.
        var request = new ForecastRequest(TestSeries.Counting(100), TestSeries.Start.AddDays(1), TestSeries.Start.AddDays(2), TimeSpan.FromMinutes(horizonMinutes));

        Assert.Equal(expected, request.LastKnownIndex(48));
        Assert.Equal(48, request.EventCount);
    }

    [Fact]
    public void Constructor_Throws_WhenForecastStartIsOffTheGrid()
    {
        Assert.Throws<ArgumentException>(() => new ForecastRequest(TestSeries.Counting(10), TestSeries.Start.AddMinutes(10), TestSeries.Start.AddHours(1), TimeSpan.Zero));
    }
}

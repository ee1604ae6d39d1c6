using FlexMeasures.Forecasting.Naive;

namespace FlexMeasures.Forecasting.Tests.Naive;

public sealed class NaiveModelTests
{
    [Theory]
    [InlineData(0, 47)]
    [InlineData(60, 45)]
    [InlineData(360, 35)]
    public void Forecast_CopiesLatestValueKnownAtBeliefTime(int horizonMinutes, double expected)
    {
        var request = new ForecastRequest(TestSeries.Counting(200), TestSeries.Start.AddDays(1), TestSeries.Start.AddDays(1).AddHours(1), TimeSpan.FromMinutes(horizonMinutes));

        var result = new NaiveModel().Forecast(request);

        Assert.Equal([expected, expected + 1], result.Values.Values);
        Assert.Equal(TestSeries.Start.AddDays(1), result.Values.Start);
        Assert.Equal("naive", result.ModelUsed);
    }

    [Fact]
    public void Forecast_SkipsBackOverGaps_AndGivesNullWithoutHistory()
    {
        var values = TestSeries.Counting(10).Values.ToArray();
        values[5] = null;
        var history = TestSeries.Counting(10) with { Values = values };

        var result = new NaiveModel().Forecast(new ForecastRequest(history, TestSeries.Start, TestSeries.Start.AddHours(4), TimeSpan.Zero));

        Assert.Equal([null, 0, 1, 2, 3, 4, 4, 6], result.Values.Values);
    }
}

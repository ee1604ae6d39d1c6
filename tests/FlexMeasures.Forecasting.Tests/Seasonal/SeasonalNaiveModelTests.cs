using FlexMeasures.Forecasting.Seasonal;

namespace FlexMeasures.Forecasting.Tests.Seasonal;

public sealed class SeasonalNaiveModelTests
{
    private const int Day = 48;
    private const int Week = 7 * Day;

    [Theory]
    [InlineData(1, Week)]
    [InlineData(48, Week)]
    [InlineData(167, Week)]
    [InlineData(168, 2 * Week)]
    public void Weekly_GoesBackWholeWeeksToAKnownValue(int horizonHours, int back)
    {
        var start = TestSeries.Start.AddDays(21);
        var request = new ForecastRequest(TestSeries.Counting(4 * Week), start, start.AddHours(1), TimeSpan.FromHours(horizonHours));

        var result = SeasonalNaiveModel.Weekly.Forecast(request);

        Assert.Equal([(double)(3 * Week) - back, (3 * Week) - back + 1], result.Values.Values);
        Assert.Equal("seasonal-naive", result.ModelUsed);
    }

    [Theory]
    [InlineData(1, Day)]
    [InlineData(23, Day)]
    [InlineData(24, 2 * Day)]
    [InlineData(48, 3 * Day)]
    public void Daily_GoesBackWholeDaysToAKnownValue(int horizonHours, int back)
    {
        var start = TestSeries.Start.AddDays(7);
        var request = new ForecastRequest(TestSeries.Counting(2 * Week), start, start.AddMinutes(30), TimeSpan.FromHours(horizonHours));

        var result = SeasonalNaiveModel.Daily.Forecast(request);

        Assert.Equal([(double)Week - back], result.Values.Values);
    }

    [Fact]
    public void Forecast_SkipsAGapBySeasons()
    {
        var history = TestSeries.Counting(3 * Day);
        var values = history.Values.ToArray();
        values[Day] = null;

        var result = SeasonalNaiveModel.Daily.Forecast(new ForecastRequest(history with { Values = values }, TestSeries.Start.AddDays(2), TestSeries.Start.AddDays(2).AddMinutes(30), TimeSpan.Zero));

        Assert.Equal([0.0], result.Values.Values);
    }
}

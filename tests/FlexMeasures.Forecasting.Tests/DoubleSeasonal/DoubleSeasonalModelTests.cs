using FlexMeasures.Forecasting.DoubleSeasonal;
using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.DoubleSeasonal;

public sealed class DoubleSeasonalModelTests
{
    [Fact]
    public void Forecast_FallsBackToNaiveAndSaysHowMuchIsNeeded_WhenLessThanThreeWeeksAreKnown()
    {
        var history = TestSeries.Counting(20 * 48);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(19), TestSeries.Start.AddDays(20), TimeSpan.FromHours(1));

        var result = new DoubleSeasonalModel().Forecast(request);

        Assert.Equal("naive", result.ModelUsed);
        Assert.Equal((19 * 48) - 3.0, result.Values.Values[0]);
        Assert.Equal("too little data for double-seasonal: 14 days of measurements known at 2024-01-15 00:00Z, 21 needed", Assert.Single(result.Choices).Reason);
    }

    [Fact]
    public void Forecast_ReproducesAPurelySeasonalSeries()
    {
        // A noiseless daily-and-weekly pattern: whatever the fitted gains, the forecast is the pattern.
        var values = Enumerable.Range(0, 5 * 7 * 48)
            .Select(t => 100 + (20 * Math.Sin(2 * Math.PI * t / 48)) + (t % (7 * 48) >= 5 * 48 ? -15 : 0))
            .ToArray();
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, values);
        var forecastStart = TestSeries.Start.AddDays(28);

        var result = new DoubleSeasonalModel().Forecast(new ForecastRequest(history, forecastStart, forecastStart.AddDays(7), TimeSpan.FromHours(48)));

        Assert.Equal("double-seasonal", result.ModelUsed);
        for (var i = 0; i < result.Values.Count; i++)
        {
            Assert.Equal(values[(28 * 48) + i], result.Values.Values[i]!.Value, 6);
        }
    }

    [Fact]
    public void Forecast_IsDeterministic()
    {
        var history = SyntheticDemand.HalfHourly(TestSeries.Start, 4, seed: 11);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(21), TestSeries.Start.AddDays(28), TimeSpan.FromHours(6));

        var first = new DoubleSeasonalModel().Forecast(request);
        var second = new DoubleSeasonalModel().Forecast(request);

        Assert.Equal(first.Values, second.Values);
        Assert.Equal(first.Choices, second.Choices);
    }
}

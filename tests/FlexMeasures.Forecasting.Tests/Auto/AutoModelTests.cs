using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.Auto;

public sealed class AutoModelTests
{
    [Fact]
    public void Forecast_GivesTheNaiveForecast_WhenNothingBeatsIt()
    {
        // A random walk: the latest value is the best forecast there is.
        var random = new Random(3);
        var level = 100.0;
        var values = Enumerable.Range(0, 10 * 7 * 48).Select(_ => level += random.NextDouble() - 0.5).ToArray();
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, values);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(56), TestSeries.Start.AddDays(70), TimeSpan.FromHours(1));

        var result = TestModels.Create("auto").Forecast(request);
        var naive = new FlexMeasures.Forecasting.Naive.NaiveModel().Forecast(request);

        Assert.Equal("naive", result.ModelUsed);
        Assert.Equal(naive.Values, result.Values);
        Assert.All(result.Choices, c => Assert.StartsWith("auto: lowest validation MAE on ", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Forecast_ChoosesDoubleSeasonalAndRecordsItsScore_OnDemandWithDailyAndWeeklyCycles()
    {
        var history = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed: 1);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(56), TestSeries.Start.AddDays(70), TimeSpan.FromHours(1));

        var result = TestModels.Create("auto").Forecast(request);

        Assert.Equal("double-seasonal", result.ModelUsed);
        Assert.All(result.Choices, c => Assert.True(c.ValidationMae > 0));
        Assert.Equal(3, result.Choices.Count); // the belief times fall in three weeks: a fit and a choice each
    }

    [Fact]
    public void Forecast_SaysWhyACandidateCouldNotTakePart_WhenHistoryIsShort()
    {
        var history = SyntheticDemand.HalfHourly(TestSeries.Start, 4, seed: 1);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(21), TestSeries.Start.AddDays(28), TimeSpan.FromHours(1));

        var result = TestModels.Create("auto").Forecast(request);

        Assert.NotEqual("double-seasonal", result.ModelUsed);
        Assert.All(result.Choices, c => Assert.Contains("too little data for double-seasonal", c.Reason, StringComparison.Ordinal));
    }
}

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
        Assert.All(result.Choices, c => Assert.StartsWith("auto: best baseline on validation before ", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Forecast_GivesTheNaiveForecast_WhenNothingBeatsItOnDailyData()
    {
        // Two years of a daily random walk with a weak weekly ripple a fitted model can chase: months of validation
        // events must show that chasing it does not pay.
        var random = new Random(5);
        var level = 20.0;
        var values = Enumerable.Range(0, 730).Select(d => (level += (random.NextDouble() - 0.5) * 4) + (0.2 * Math.Sin(d * 2 * Math.PI / 7))).ToArray();
        var history = Series.FromValues(TestSeries.Start, TimeSpan.FromDays(1), values);
        foreach (var hours in new[] { 24, 48 })
        {
            var request = new ForecastRequest(history, TestSeries.Start.AddDays(365), TestSeries.Start.AddDays(730), TimeSpan.FromHours(hours));

            var result = TestModels.Create("auto").Forecast(request);

            Assert.Equal("naive", result.ModelUsed);
        }
    }

    [Fact]
    public void Forecast_ChoosesAFittedModel_OnAClearDailyCycleWithNoise()
    {
        // Hourly, a daily cycle (no weekly one) plus independent noise: yesterday's value carries yesterday's noise,
        // a fitted daily profile averages it away.
        var random = new Random(7);
        var values = Enumerable.Range(0, 12 * 7 * 24).Select(h => 50 + (10 * Math.Sin(h * 2 * Math.PI / 24)) + (4 * (random.NextDouble() - 0.5))).ToArray();
        var history = Series.FromValues(TestSeries.Start, TimeSpan.FromHours(1), values);
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(63), TestSeries.Start.AddDays(84), TimeSpan.FromHours(24));

        var result = TestModels.Create("auto").Forecast(request);

        Assert.All(result.Choices, c => Assert.True(c.Model is "linear-OLS" or "double-seasonal", c.Model));
        Assert.All(result.Choices, c => Assert.Contains("beat the best baseline (seasonal-naive", c.Reason, StringComparison.Ordinal));
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

using FlexMeasures.Forecasting.LinearRegression;

namespace FlexMeasures.Forecasting.Tests.LinearRegression;

public sealed class LinearOlsModelTests
{
    [Fact]
    public void Forecast_RecoversKnownCoefficients_OnNoiselessLinearData()
    {
        // y = 5 + 2·x + 0.5·z with random regressors: the fit must find exactly these coefficients
        // (and zero for every lag), or the forecasts below would be off.
        var random = new Random(3);
        var count = 40 * 48;
        var x = Enumerable.Range(0, count).Select(_ => random.NextDouble() * 10).ToArray();
        var z = Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4).ToArray();
        var y = x.Zip(z, (a, b) => 5 + (2 * a) + (0.5 * b)).ToArray();
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, y);
        var regressors = new[] { Series.FromValues(TestSeries.Start, TestSeries.HalfHour, x), Series.FromValues(TestSeries.Start, TestSeries.HalfHour, z) };
        var forecastStart = TestSeries.Start.AddDays(38);
        var request = new ForecastRequest(history, forecastStart, forecastStart.AddDays(1), TimeSpan.FromHours(6), regressors);

        var result = new LinearOlsModel().Forecast(request);

        Assert.Equal("linear-OLS", result.ModelUsed);
        for (var i = 0; i < result.Values.Count; i++)
        {
            Assert.Equal(y[(38 * 48) + i], result.Values.Values[i]!.Value, 6);
        }
    }

    [Fact]
    public void Forecast_RecoversAutoregression_OnNoiselessLagData()
    {
        // y_t = 100 + 0.5·y_{t−2} − 0.25·y_{t−1·day}: driven by the lags only (made non-degenerate by a random start).
        var random = new Random(5);
        var values = new double[35 * 48];
        for (var t = 0; t < values.Length; t++)
        {
            values[t] = t < 48 ? random.NextDouble() * 100 : 100 + (0.5 * values[t - 2]) - (0.25 * values[t - 48]);
        }

        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, values);
        var forecastStart = TestSeries.Start.AddDays(33);

        // Horizon 30 min: lag 1 of the model is t − 2 steps.
        var result = new LinearOlsModel().Forecast(new ForecastRequest(history, forecastStart, forecastStart.AddDays(1), TimeSpan.FromMinutes(30)));

        Assert.Equal("linear-OLS", result.ModelUsed);
        Assert.Equal(values[33 * 48], result.Values.Values[0]!.Value, 6);
        Assert.Equal(values[(34 * 48) - 1], result.Values.Values[^1]!.Value, 6);
    }

    [Fact]
    public void Forecast_FallsBackToNaive_WhenHistoryIsTooShort()
    {
        var history = TestSeries.Counting(60);
        var request = new ForecastRequest(history, TestSeries.Start.AddHours(30), TestSeries.Start.AddHours(31), TimeSpan.FromHours(1));

        var result = new LinearOlsModel().Forecast(request);

        Assert.Equal("naive", result.ModelUsed);
        Assert.Equal([57.0, 58.0], result.Values.Values);
    }

    [Fact]
    public void Forecast_FallsBackToNaive_WhenRegressionIsSingular()
    {
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, Enumerable.Repeat(42.0, 20 * 48));
        var request = new ForecastRequest(history, TestSeries.Start.AddDays(19), TestSeries.Start.AddDays(20), TimeSpan.FromHours(1));

        var result = new LinearOlsModel().Forecast(request);

        Assert.Equal("naive", result.ModelUsed);
        Assert.All(result.Values.Values, v => Assert.Equal(42.0, v));
    }
}

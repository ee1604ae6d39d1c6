using FlexMeasures.Forecasting.Auto;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.DoubleSeasonal;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.LinearRegression;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Probabilistic;
using FlexMeasures.Forecasting.Seasonal;
using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.Probabilistic;

public sealed class ResidualQuantilesTests
{
    private static readonly Series Demand = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed: 5);

    public static TheoryData<string> Models() => ["naive", "seasonal-naive", "linear-OLS", "double-seasonal", "lightgbm", "auto"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Forecast_GivesQuantilesThatNeverCross_AndTheModelsForecastAtTheMedian(string name)
    {
        var model = Create(name);
        var start = TestSeries.Start.AddDays(56);
        var request = new ForecastRequest(Demand, start, start.AddDays(3), TimeSpan.FromHours(6));

        var result = ResidualQuantiles.Forecast(model, request, Quantiles.Normalise([0.9, 0.05, 0.25, 0.1, 0.75, 0.95]));

        Assert.Null(result.Problem);
        Assert.Equal([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95], result.Quantiles.Select(q => q.Level));
        var own = model.Forecast(request);
        Assert.Equal(own.Values, result.Quantiles.Single(q => q.Level == 0.5).Values);
        Assert.Equal(own.Values.Values, result.Point.Values.Values);
        Assert.Equal(own.ModelUsed, result.Point.ModelUsed);
        Assert.Equal(own.Choices, result.Point.Choices);
        for (var e = 0; e < request.EventCount; e++)
        {
            var values = result.Quantiles.Select(q => q.Values.Values[e]!.Value).ToList();
            Assert.Equal(values.Order(), values);
        }

        Assert.True(result.Quantiles[^1].Values.Values[0] > result.Quantiles[0].Values.Values[0], "a noisy series gets an interval of some width");
    }

    [Theory]
    [InlineData("linear-OLS")]
    [InlineData("lightgbm")]
    [InlineData("auto")]
    public void Forecast_GivesTheModelsOwnForecastAndChoices_WhenTheRequestStartsMidWeek(string name)
    {
        // The validation forecasts and the requested ones are one run; the refit week where they meet (Thursday
        // 12:00 onwards here) must still give the requested events the values and choices of a run of their own.
        var start = TestSeries.Start.AddDays(59.5);
        var request = new ForecastRequest(Demand, start, start.AddDays(6), TimeSpan.FromHours(24));

        var result = ResidualQuantiles.Forecast(Create(name), request, [0.1, 0.5, 0.9]);

        var own = Create(name).Forecast(request);
        Assert.Equal(own.Values.Values, result.Point.Values.Values);
        Assert.Equal(own.Values.Start, result.Point.Values.Start);
        Assert.Equal(own.ModelUsed, result.Point.ModelUsed);
        Assert.Equal(own.Choices, result.Point.Choices);
        Assert.Equal(own.Values.Values, result.Quantiles[1].Values.Values);
    }

    [Theory]
    [InlineData("double-seasonal", 1)]
    [InlineData("double-seasonal", 24)]
    [InlineData("lightgbm", 6)]
    [InlineData("lightgbm", 48)]
    [InlineData("seasonal-naive", 24)]
    public void Backtest_CoversAbout80Percent_WithThe10And90PercentQuantiles(string name, int hours)
    {
        var result = Backtester.Run(Create(name), Demand, TestSeries.Start.AddDays(56), Demand.End, TimeSpan.FromHours(hours), [0.1, 0.9]);

        Assert.NotNull(result.Quantiles);
        Assert.Equal(0.1, result.Quantiles.Lower);
        Assert.Equal(0.9, result.Quantiles.Upper);
        Assert.InRange(result.Quantiles.Coverage!.Value, 0.72, 0.88);
        Assert.True(result.Quantiles.Pinball > 0);
    }

    [Fact]
    public void Forecast_GivesAutoTheQuantilesOfTheModelItChose_NotOfItsOwnPastForecasts()
    {
        // On day 57 auto chooses double-seasonal; weeks before, it could only choose baselines, whose errors are wider.
        var start = TestSeries.Start.AddDays(57);
        var request = new ForecastRequest(Demand, start, start.AddDays(2), TimeSpan.FromHours(1));

        var auto = ResidualQuantiles.Forecast(Create("auto"), request, [0.1, 0.5, 0.9]);
        var chosen = ResidualQuantiles.Forecast(Create("double-seasonal"), request, [0.1, 0.5, 0.9]);

        Assert.Equal("double-seasonal", auto.Point.ModelUsed);
        Assert.Equal(chosen.Quantiles.Select(q => q.Values), auto.Quantiles.Select(q => q.Values));
    }

    [Fact]
    public void Forecast_SaysWhy_WhenTooFewErrorsAreKnownAtTheBeliefTime()
    {
        var start = TestSeries.Start.AddHours(12);

        var result = ResidualQuantiles.Forecast(new NaiveModel(), new ForecastRequest(Demand, start, start.AddDays(1), TimeSpan.FromHours(6)), [0.1, 0.5, 0.9]);

        // The first event's belief time is 06:00 on the first day: 12 events known, 11 of them with a forecast.
        Assert.All(result.Quantiles, q => Assert.Null(q.Values.Values[0]));
        Assert.Contains("at least 30 known errors", result.Problem, StringComparison.Ordinal);
        Assert.NotNull(result.Point.Values.Values[0]);

        // A day later, errors of the window's own first events have become known.
        Assert.All(result.Quantiles, q => Assert.NotNull(q.Values.Values[^1]));
    }

    [Fact]
    public void Forecast_ShiftsByTheErrorQuantiles_OfAModelThatIsAlwaysTooLow()
    {
        // Actuals alternate 10 and 12 around a naive forecast of the previous value: errors are +2 and −2 only.
        var values = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 10.0 : 12.0);
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, values);
        var start = TestSeries.Start.AddDays(3);

        var result = ResidualQuantiles.Forecast(new NaiveModel(), new ForecastRequest(history, start, start.AddHours(1), TimeSpan.Zero), [0.1, 0.5, 0.9]);

        // Event 144 (value 10) is forecast from event 143 (12): quantiles 12 − 2, 12, 12 + 2.
        Assert.Equal([10.0, 12.0, 14.0], result.Quantiles.Select(q => q.Values.Values[0]!.Value));
    }

    [Theory]
    [InlineData(26, 2.0, 6.0, 6.0)] // errors grew in the last 3 days: the recent week widens the interval within days
    [InlineData(14, 6.0, 2.0, 6.0)] // errors shrank in the last 15 days: the whole 4 weeks keep it wide
    public void Forecast_TakesTheWiderOfTheWholeAndTheRecentErrorWindow(int changeDay, double before, double after, double expectedSpread)
    {
        // Actuals alternate around 10 with a step of `before`, then `after`: the naive forecast's errors are ± the step.
        var values = Enumerable.Range(0, 30 * 48).Select(i => i % 2 == 0 ? 10.0 : 10.0 + (i < changeDay * 48 ? before : after));
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, values);
        var start = TestSeries.Start.AddDays(29);

        var result = ResidualQuantiles.Forecast(new NaiveModel(), new ForecastRequest(history, start, start.AddMinutes(30), TimeSpan.Zero), [0.1, 0.5, 0.9]);

        var median = result.Quantiles[1].Values.Values[0]!.Value;
        Assert.Equal(-expectedSpread, result.Quantiles[0].Values.Values[0]!.Value - median, 9);
        Assert.Equal(expectedSpread, result.Quantiles[2].Values.Values[0]!.Value - median, 9);
    }

    private static IForecastModel Create(string name) => name switch
    {
        "naive" => new NaiveModel(),
        "seasonal-naive" => SeasonalNaiveModel.Weekly,
        "linear-OLS" => new LinearOlsModel(),
        "double-seasonal" => new DoubleSeasonalModel(),
        "lightgbm" => new LightGbmModel(),
        "auto" => new AutoModel([new NaiveModel(), SeasonalNaiveModel.Weekly, new DoubleSeasonalModel()]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

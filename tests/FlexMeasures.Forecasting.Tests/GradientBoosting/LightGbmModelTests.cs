using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Calendar;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.GradientBoosting;

public sealed class LightGbmModelTests
{
    private static readonly Series Demand = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed: 11);

    [Fact]
    public void Forecast_GivesTheSameBits_WhenRunAgain()
    {
        var start = TestSeries.Start.AddDays(56);
        var request = new ForecastRequest(Demand, start, start.AddDays(7), TimeSpan.FromHours(6));

        var first = new LightGbmModel().Forecast(request);
        var second = new LightGbmModel().Forecast(request);

        Assert.Equal("lightgbm", first.ModelUsed);
        Assert.Equal(
            first.Values.Values.Select(v => BitConverter.DoubleToInt64Bits(v!.Value)),
            second.Values.Values.Select(v => BitConverter.DoubleToInt64Bits(v!.Value)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    public void Forecast_BeatsTheBestNaiveBaseline_OnSyntheticDemand(int hours)
    {
        var result = Backtester.Run(new LightGbmModel(), Demand, TestSeries.Start.AddDays(56), Demand.End, TimeSpan.FromHours(hours));

        Assert.Equal("lightgbm", result.ModelUsed);
        Assert.True(result.MapeImprovement > 0.1, $"MAPE {result.Accuracy.Mape} vs best baseline {result.BestBaseline?.Accuracy.Mape}");
    }

    [Fact]
    public void Forecast_FollowsARegressor_ThatTheLagsCannotKnow()
    {
        // y = 10·x with x random per event: only the regressor (known at belief time, e.g. a weather forecast) explains y.
        var random = new Random(4);
        var x = Enumerable.Range(0, 30 * 48).Select(_ => random.NextDouble()).ToArray();
        var history = Series.FromValues(TestSeries.Start, TestSeries.HalfHour, x.Select(v => 10 * v));
        var start = TestSeries.Start.AddDays(28);
        var request = new ForecastRequest(history, start, start.AddDays(2), TimeSpan.FromHours(24), [Series.FromValues(TestSeries.Start, TestSeries.HalfHour, x)]);

        var with = new LightGbmModel().Forecast(request);
        var without = new LightGbmModel().Forecast(request with { Regressors = null });

        var actual = history.Slice(start, start.AddDays(2)).Values;
        Assert.InRange(MeanAbsoluteError(actual, with.Values.Values), 0, 0.5);
        Assert.InRange(MeanAbsoluteError(actual, without.Values.Values), 2, 10);
    }

    [Fact]
    public void Forecast_LowersHolidays_WhenTheCalendarKnowsTheCountry()
    {
        // Hourly load of 100 on Dutch working days and 40 on weekends and Dutch public holidays, in Amsterdam time.
        var calendar = new ForecastCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"), "NL");
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var hour = TimeSpan.FromHours(1);
        var values = Enumerable.Range(0, 500 * 24).Select(i =>
        {
            var local = calendar.Local(start + (i * hour));
            return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || calendar.IsHoliday(local) ? 40.0 : 100.0;
        });
        var history = Series.FromValues(start, hour, values);

        // King's Day 2024 is on a Saturday; Ascension Day, Thursday 9 May 2024, is a holiday on a working day.
        var ascension = new DateTime(2024, 5, 8, 22, 0, 0, DateTimeKind.Utc);
        // At a 24 h horizon the latest known values are of a working day: only the calendar can tell.
        var request = new ForecastRequest(history, ascension.AddHours(8), ascension.AddHours(16), TimeSpan.FromHours(24)) { Calendar = calendar };

        var withHolidays = new LightGbmModel().Forecast(request);
        var withoutHolidays = new LightGbmModel().Forecast(request with { Calendar = calendar with { Country = null } });

        Assert.All(withHolidays.Values.Values, v => Assert.InRange(v!.Value, 30, 60));
        Assert.All(withoutHolidays.Values.Values, v => Assert.InRange(v!.Value, 60, 110));
    }

    [Fact]
    public void Forecast_FallsBackToNaive_WhenLessThanAWeekIsKnown()
    {
        var start = TestSeries.Start.AddDays(5);

        var result = new LightGbmModel().Forecast(new ForecastRequest(Demand, start, start.AddDays(1), TimeSpan.FromHours(1)));

        Assert.Equal("naive", result.ModelUsed);
    }

    private static double MeanAbsoluteError(IReadOnlyList<double?> actual, IReadOnlyList<double?> forecast) =>
        actual.Zip(forecast, (a, f) => Math.Abs(a!.Value - f!.Value)).Average();
}

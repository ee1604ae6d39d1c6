using System.Globalization;
using FlexMeasures.Forecasting.Accuracy;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Calendar;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.LinearRegression;
using FlexMeasures.Forecasting.Seasonal;
using FlexMeasures.Forecasting.Synthetic;
using Xunit.Abstractions;

namespace FlexMeasures.Forecasting.Tests.Calendar;

/// <summary>
/// Holiday periods (as annotations give them) in the calendar: the models that use them, and a backtest on demand
/// with holiday dips (the Dutch public holidays on weekdays from October 2023 to June 2024, shaped as Sundays).
/// The figures it writes are those of docs/decisions/0025.
/// </summary>
public sealed class HolidayRegressorTests(ITestOutputHelper output)
{
    private static readonly DateTime DataStart = new(2023, 10, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime TrainUntil = new(2024, 1, 29, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime TestUntil = new(2024, 6, 3, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly[] Holidays =
    [
        .. new[] { "2023-12-25", "2023-12-26", "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20" }
            .Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)),
    ];

    private static readonly Series Demand = SyntheticDemand.HalfHourly(DataStart, 35, seed: 3, d => Holidays.Contains(d));

    private static readonly IReadOnlyList<(DateTime Start, DateTime End)> Periods =
        [.. Holidays.Select(d => (d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), d.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)))];

    [Theory]
    [InlineData("2024-05-09T10:00:00Z", true)]
    [InlineData("2024-05-09T23:30:00Z", true)]
    [InlineData("2024-05-10T00:00:00Z", false)]
    [InlineData("2024-05-08T23:59:00Z", false)]
    public void IsHolidayAt_IsTrueInsideAPeriod_AndFalseOutside(string utc, bool holiday)
    {
        var calendar = ForecastCalendar.Utc with { HolidayPeriods = Periods };

        Assert.True(calendar.HasHolidays);
        Assert.Equal(holiday, calendar.IsHolidayAt(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)));
        Assert.False(ForecastCalendar.Utc.HasHolidays);
    }

    [Fact]
    public void SeasonalNaive_ForecastsAHolidayAsTheLatestSunday_AndSkipsHolidaysOtherwise()
    {
        var ascension = new DateTime(2024, 5, 9, 0, 0, 0, DateTimeKind.Utc);
        var request = new ForecastRequest(Demand, ascension, ascension.AddDays(8), TimeSpan.FromHours(1)) { Calendar = ForecastCalendar.Utc with { HolidayPeriods = Periods } };

        var forecast = SeasonalNaiveModel.Weekly.Forecast(request).Values;

        var noon = TimeSpan.FromHours(12);
        Assert.Equal(Demand.ValueAt(new DateTime(2024, 5, 5, 12, 0, 0, DateTimeKind.Utc)), forecast.ValueAt(ascension + noon));
        Assert.Equal(Demand.ValueAt(new DateTime(2024, 5, 2, 12, 0, 0, DateTimeKind.Utc)), forecast.ValueAt(ascension.AddDays(7) + noon));
        Assert.Equal(Demand.ValueAt(new DateTime(2024, 5, 3, 12, 0, 0, DateTimeKind.Utc)), forecast.ValueAt(ascension.AddDays(1) + noon));
        Assert.Equal(
            SeasonalNaiveModel.Weekly.Forecast(request with { Calendar = null }).Values.ValueAt(ascension.AddDays(1) + noon),
            forecast.ValueAt(ascension.AddDays(1) + noon));
    }

    public static TheoryData<string, int> Models => new()
    {
        { "seasonal-naive", 24 },
        { "linear-OLS", 24 },
        { "lightgbm", 24 },
        { "lightgbm", 1 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Backtest_HolidayRegressorLowersTheErrorOnHolidays_OnDemandWithHolidayDips(string name, int hours)
    {
        IForecastModel model = name switch
        {
            "seasonal-naive" => SeasonalNaiveModel.Weekly,
            "linear-OLS" => new LinearOlsModel(),
            _ => new LightGbmModel(),
        };
        var horizon = TimeSpan.FromHours(hours);

        var without = Backtester.Run(model, Demand, TrainUntil, TestUntil, horizon, inputs: r => r with { Calendar = ForecastCalendar.Utc });
        var with = Backtester.Run(model, Demand, TrainUntil, TestUntil, horizon, inputs: r => r with { Calendar = ForecastCalendar.Utc with { HolidayPeriods = Periods } });

        var (withoutHolidays, withoutAll) = Scores(without);
        var (withHolidays, withAll) = Scores(with);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {hours} h | {withoutHolidays.Mae:F1} / {withHolidays.Mae:F1} | {withoutHolidays.Mape:P1} / {withHolidays.Mape:P1} | {withoutAll.Mae:F1} / {withAll.Mae:F1} | {withoutAll.Mape:P2} / {withAll.Mape:P2} |"));
        Assert.True(withHolidays.Mae < 0.8 * withoutHolidays.Mae, $"holiday MAE {withHolidays.Mae} with, {withoutHolidays.Mae} without");
        Assert.True(withAll.Mae < withoutAll.Mae, $"overall MAE {withAll.Mae} with, {withoutAll.Mae} without");
    }

    /// <summary>Accuracy on the test period's holiday events, and on all its events.</summary>
    private static (AccuracyMetrics Holidays, AccuracyMetrics All) Scores(BacktestResult result) =>
        (result.AccuracyWhere(Demand, t => Holidays.Contains(DateOnly.FromDateTime(t))), result.AccuracyWhere(Demand, _ => true));
}

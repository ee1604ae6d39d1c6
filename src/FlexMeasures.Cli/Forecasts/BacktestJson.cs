using System.Text.Json.Serialization;
using FlexMeasures.Data.Time;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;

namespace FlexMeasures.Cli.Forecasts;

/// <summary>One horizon of <c>forecasts backtest --json</c>; fractions, not percentages (0.05 = 5 %).</summary>
/// <param name="Horizon">The belief horizon, ISO 8601.</param>
/// <param name="Model">The model(s) that made the forecasts (for auto: the winners).</param>
/// <param name="Coverage">Share of actuals inside the outer quantiles; only when quantiles were asked for.</param>
/// <param name="Pinball">Mean pinball loss over the quantiles; only when quantiles were asked for.</param>
/// <param name="HolidayEvents">Test events on a holiday of the sensor's calendar; only when it knows holidays.</param>
/// <param name="HolidayMae">MAE on those events.</param>
/// <param name="HolidayMape">MAPE on those events.</param>
internal sealed record BacktestJson(
    string Horizon,
    string Model,
    int Events,
    double? Mape,
    double? Mae,
    double? Wape,
    double? NaiveMape,
    double? SeasonalNaiveDailyMape,
    double? SeasonalNaiveWeeklyMape,
    string? BestBaseline,
    double? Improvement,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Coverage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Pinball = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HolidayEvents = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? HolidayMae = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? HolidayMape = null)
{
    public static BacktestJson From(BacktestResult result) => new(
        IsoDuration.Format(result.Horizon),
        result.ModelUsed,
        result.Accuracy.Count,
        result.Accuracy.Mape,
        result.Accuracy.Mae,
        result.Accuracy.Wape,
        result.BaselineAccuracy(NaiveModel.ModelName)?.Mape,
        result.BaselineAccuracy(SeasonalNaiveModel.DailyModelName)?.Mape,
        result.BaselineAccuracy(SeasonalNaiveModel.ModelName)?.Mape,
        result.BestBaseline?.Name,
        result.MapeImprovement,
        result.Quantiles?.Coverage,
        result.Quantiles?.Pinball,
        result.HolidayAccuracy?.Count,
        result.HolidayAccuracy?.Mae,
        result.HolidayAccuracy?.Mape);
}

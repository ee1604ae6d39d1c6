using FlexMeasures.Forecasting.Accuracy;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;

namespace FlexMeasures.Forecasting.Backtesting;

/// <summary>
/// The forecasts every model is compared with: the naive forecast (the latest value known), and the daily and
/// the weekly seasonal-naive forecasts. A model is only useful where it beats the best of them.
/// </summary>
public static class Baseline
{
    public static IReadOnlyList<IForecastModel> All { get; } = [new NaiveModel(), SeasonalNaiveModel.Daily, SeasonalNaiveModel.Weekly];

    /// <summary>Each baseline's forecasts of the request's events, scored against <paramref name="actuals"/> where <paramref name="sameEvents"/> has a value.</summary>
    public static IReadOnlyList<BaselineScore> Score(ForecastRequest request, IReadOnlyList<double?> actuals, IReadOnlyList<double?> sameEvents)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sameEvents);
        return [.. All.Select(model =>
        {
            var forecast = model.Forecast(request).Values;
            var onSameEvents = forecast.Values.Select((v, i) => sameEvents[i] is null ? null : v).ToArray();
            return new BaselineScore(model.Name, forecast, AccuracyMetrics.Compute(actuals, onSameEvents));
        })];
    }

    /// <summary><c>1 − MAPE(model) / MAPE(baseline)</c>; null when either is unknown or the baseline's is 0.</summary>
    public static double? Improvement(AccuracyMetrics model, AccuracyMetrics? baseline)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Mape is { } m && baseline?.Mape is { } b && b > 0 ? 1 - (m / b) : null;
    }
}

using FlexMeasures.Forecasting.Accuracy;

namespace FlexMeasures.Forecasting.Backtesting;

/// <summary>A model's forecasts over a held-out period, scored beside the weekly seasonal-naive baseline.</summary>
/// <param name="Model">Name of the model asked for.</param>
/// <param name="ModelUsed">Name of the model that made the forecasts (differs after a fallback).</param>
/// <param name="Forecasts">The model's forecasts for the test period.</param>
/// <param name="Baseline">The weekly seasonal-naive forecasts for the same events.</param>
/// <param name="Accuracy">The model's accuracy against the measurements.</param>
/// <param name="BaselineAccuracy">The baseline's accuracy against the same measurements.</param>
public sealed record BacktestResult(
    string Model,
    string ModelUsed,
    TimeSpan Horizon,
    Series Forecasts,
    Series Baseline,
    AccuracyMetrics Accuracy,
    AccuracyMetrics BaselineAccuracy)
{
    /// <summary>Pinball loss and coverage of the quantile forecasts; null when none were asked for or could be made.</summary>
    public QuantileAccuracy? Quantiles { get; init; }

    /// <summary>Why quantiles were asked for but not made; null otherwise.</summary>
    public string? QuantileProblem { get; init; }

    /// <summary>
    /// Relative MAPE improvement over the baseline: <c>1 − MAPE(model) / MAPE(baseline)</c>
    /// (0.3 = 30 % lower MAPE; negative when the model is worse); null when either MAPE is unknown or the baseline's is 0.
    /// </summary>
    public double? MapeImprovement =>
        Accuracy.Mape is { } model && BaselineAccuracy.Mape is { } baseline && baseline > 0
            ? 1 - (model / baseline)
            : null;
}

using FlexMeasures.Forecasting.Accuracy;

namespace FlexMeasures.Forecasting.Backtesting;

/// <summary>A model's forecasts over a held-out period, scored beside the naive baselines on the same events.</summary>
/// <param name="Model">Name of the model asked for.</param>
/// <param name="ModelUsed">Name(s) of the model(s) that made the forecasts (differs after a fallback, or for auto).</param>
/// <param name="Forecasts">The model's forecasts for the test period.</param>
/// <param name="Accuracy">The model's accuracy against the measurements.</param>
/// <param name="Baselines">The <see cref="Baseline.All"/> forecasts for the same events and their accuracy.</param>
public sealed record BacktestResult(
    string Model,
    string ModelUsed,
    TimeSpan Horizon,
    Series Forecasts,
    AccuracyMetrics Accuracy,
    IReadOnlyList<BaselineScore> Baselines)
{
    /// <summary>Which model made which events' forecasts, and why.</summary>
    public IReadOnlyList<ModelChoice> Choices { get; init; } = [];

    /// <summary>The baseline with the lowest MAPE; null when no baseline has one.</summary>
    public BaselineScore? BestBaseline => Baselines.Where(b => b.Accuracy.Mape is not null).MinBy(b => b.Accuracy.Mape);

    /// <summary>Pinball loss and coverage of the quantile forecasts; null when none were asked for or could be made.</summary>
    public QuantileAccuracy? Quantiles { get; init; }

    /// <summary>Why quantiles were asked for but not made; null otherwise.</summary>
    public string? QuantileProblem { get; init; }

    /// <summary>
    /// Relative MAPE improvement over the best baseline: <c>1 − MAPE(model) / MAPE(best baseline)</c>
    /// (0.3 = 30 % lower MAPE; negative when the model is worse); null when either MAPE is unknown or the baseline's is 0.
    /// </summary>
    public double? MapeImprovement => Baseline.Improvement(Accuracy, BestBaseline?.Accuracy);

    /// <summary>
    /// Accuracy on the test events that fall on a holiday of the sensor's calendar (so the effect of holidays can be
    /// judged where it shows); null when the calendar knows no holidays.
    /// </summary>
    public AccuracyMetrics? HolidayAccuracy { get; init; }

    /// <summary>The model's accuracy on the test events whose start satisfies <paramref name="include"/>.</summary>
    /// <param name="measurements">The measurements the backtest was scored against.</param>
    public AccuracyMetrics AccuracyWhere(Series measurements, Func<DateTime, bool> include)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(include);
        var events = Enumerable.Range(0, Forecasts.Count).Where(i => include(Forecasts.TimeAt(i))).ToList();
        return AccuracyMetrics.Compute(
            [.. events.Select(i => measurements.ValueAt(Forecasts.TimeAt(i)))],
            [.. events.Select(i => Forecasts.Values[i])]);
    }

    /// <summary>The accuracy of the named baseline (see <see cref="Baseline"/>).</summary>
    public AccuracyMetrics? BaselineAccuracy(string name) => Baselines.FirstOrDefault(b => b.Name == name)?.Accuracy;
}

using FlexMeasures.Forecasting.Accuracy;
using FlexMeasures.Forecasting.Probabilistic;

namespace FlexMeasures.Forecasting.Backtesting;

/// <summary>Evaluates a model on held-out measurements without storing anything.</summary>
public static class Backtester
{
    /// <summary>
    /// Forecasts every event in <c>[trainUntil, testUntil)</c> at <paramref name="horizon"/> as a rolling
    /// forecast — each event with only the measurements known at its own belief time (see
    /// <see cref="ForecastRequest"/>) — and scores it and the <see cref="Baseline.All"/> forecasts against the
    /// measurements, on the same events.
    /// </summary>
    /// <remarks>
    /// The model sees the measurements up to the last belief time only; what it does with data before
    /// <paramref name="trainUntil"/> (fitting, initialising) is up to the model.
    /// <paramref name="inputs"/> adds regressors and a calendar to the request. With <paramref name="quantiles"/>, the model's quantile forecasts (<see cref="ResidualQuantiles"/>) are scored too.
    /// </remarks>
    public static BacktestResult Run(IForecastModel model, Series measurements, DateTime trainUntil, DateTime testUntil, TimeSpan horizon, IReadOnlyList<double>? quantiles = null, TimeSpan? errorWindow = null, Func<ForecastRequest, ForecastRequest>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(measurements);

        // Nothing after the last event's belief time can be known to any forecast in the test period.
        var lastBelief = testUntil - measurements.Resolution - horizon;
        var history = measurements.Slice(measurements.Start, lastBelief);
        var request = new ForecastRequest(history, trainUntil, testUntil, horizon);
        request = inputs?.Invoke(request) ?? request;

        var probabilistic = ResidualQuantiles.Forecast(model, request, Quantiles.Normalise(quantiles ?? []), errorWindow);
        var forecast = probabilistic.Point;
        var actuals = new double?[request.EventCount];
        for (var i = 0; i < actuals.Length; i++)
        {
            actuals[i] = measurements.ValueAt(request.ForecastStart + (i * measurements.Resolution));
        }

        return new BacktestResult(
            model.Name,
            forecast.ModelUsed,
            horizon,
            forecast.Values,
            AccuracyMetrics.Compute(actuals, forecast.Values.Values),
            Baseline.Score(request, actuals, forecast.Values.Values))
        {
            Choices = forecast.Choices,
            Quantiles = probabilistic.Quantiles.Count == 0
                ? null
                : QuantileAccuracy.Compute(actuals, [.. probabilistic.Quantiles.Select(q => (q.Level, q.Values.Values))]),
            QuantileProblem = probabilistic.Problem,
        };
    }
}

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Forecasts to make: every event of a sensor starting in <c>[Start, End)</c>, at one belief horizon.</summary>
/// <param name="Start">UTC; floored to the sensor's resolution.</param>
/// <param name="End">UTC, exclusive; rounded up to the sensor's resolution.</param>
/// <param name="Horizon">
/// FlexMeasures' belief horizon of the forecasts: how long before the event's knowledge time (its end, for the
/// default <c>ex_post</c> sensor) each forecast is made. Positive.
/// </param>
/// <param name="Model">A name from <see cref="ForecastModels.Names"/>.</param>
/// <param name="AllowOverwrite">Replace stored forecasts that differ; null: <see cref="ForecastingOptions.AllowOverwrite"/>.</param>
/// <param name="Quantiles">
/// Quantile levels (cumulative probabilities) to store one belief each for, the median always among them; empty for
/// a deterministic forecast; null: the configured default (<see cref="ForecastingOptions.Quantiles"/>).
/// </param>
public sealed record ForecastRun(
    int SensorId, DateTime Start, DateTime End, TimeSpan Horizon, string Model = ForecastModels.Default, bool? AllowOverwrite = null, IReadOnlyList<double>? Quantiles = null);

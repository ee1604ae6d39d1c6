namespace FlexMeasures.Forecasting.Probabilistic;

/// <summary>A model's forecasts with quantiles around them.</summary>
/// <param name="Point">The model's own (deterministic) forecasts; also the 0.5 quantile.</param>
/// <param name="Quantiles">One series per level, ascending, the median included; null for events without quantiles (see <paramref name="Problem"/>).</param>
/// <param name="Errors">The fewest out-of-sample errors any event's quantiles were taken from.</param>
/// <param name="Problem">Why some events got no quantiles (too few known errors); null when all did.</param>
public sealed record ProbabilisticForecast(ForecastResult Point, IReadOnlyList<QuantileSeries> Quantiles, int Errors, string? Problem = null);

/// <summary>The forecasts at one quantile level (cumulative probability).</summary>
public sealed record QuantileSeries(double Level, Series Values);

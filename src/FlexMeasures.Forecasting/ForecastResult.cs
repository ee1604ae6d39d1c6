namespace FlexMeasures.Forecasting;

/// <summary>The forecasts of one request.</summary>
/// <param name="Values">One value per requested event, on the history's grid; null where nothing could be forecast.</param>
/// <param name="ModelUsed">
/// Name of the model that made the values: the requested model's name, or the fallback's name
/// (e.g. <c>naive</c>) when the requested model could not be used.
/// </param>
public sealed record ForecastResult(Series Values, string ModelUsed);

namespace FlexMeasures.Forecasting;

/// <summary>Which model made the forecasts of the events starting in <c>[From, Until)</c>, and why.</summary>
/// <param name="Model">The name of the model whose values these are (after any fallback).</param>
/// <param name="Reason">Why this model and not the one asked for (a fallback, or auto's validation); null when it is the one asked for.</param>
/// <param name="ValidationMae">The winner's mean absolute error on auto's validation events; null outside auto.</param>
public sealed record ModelChoice(DateTime From, DateTime Until, string Model, string? Reason = null, double? ValidationMae = null);

using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Time;
using FlexMeasures.Forecasting;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>What one forecast run made and stored.</summary>
/// <param name="Model">The model asked for.</param>
/// <param name="Choices">Which model made which events' values and why (fallbacks, auto's validation).</param>
/// <param name="Forecasts">Events that got a forecast value.</param>
/// <param name="Saved">What the belief store did; all zero when nothing was saved.</param>
/// <param name="Regressor">The weather sensor used as regressor, if any.</param>
/// <param name="Problem">Why nothing was stored (no data, a refused replacement); null when the save went through.</param>
public sealed record ForecastOutcome(
    int SensorId,
    TimeSpan Horizon,
    string Model,
    IReadOnlyList<ModelChoice> Choices,
    int Forecasts,
    SaveResult Saved,
    string? Regressor = null,
    string? Problem = null)
{
    /// <summary>The quantile levels stored per event (the median among them); empty for a deterministic forecast.</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [];

    /// <summary>Why some events got no quantiles; null when all that were asked for got them.</summary>
    public string? QuantileProblem { get; init; }

    /// <summary>Nothing was stored because a stored forecast would change and overwriting is off.</summary>
    public bool ReplacementRefused { get; init; }

    /// <summary>The models whose values were stored, in order of first use.</summary>
    public IReadOnlyList<string> ModelsUsed => [.. Choices.Select(c => c.Model).Distinct()];

    /// <summary>One paragraph for people: which model made which forecasts and why, and what was stored.</summary>
    public string Describe()
    {
        var what = Problem ?? string.Create(
            CultureInfo.InvariantCulture,
            $"{Saved.Stored} stored, {Saved.Replaced} replaced, {Saved.Duplicates + Saved.Unchanged} unchanged.");
        var models = Choices.Count == 1 && Choices[0].Reason is null
            ? $"model {Choices[0].Model}"
            : string.Join("; ", Choices.Select(c => string.Create(
                CultureInfo.InvariantCulture,
                $"{c.Model} for events {c.From:yyyy-MM-dd HH:mm}Z to {c.Until:yyyy-MM-dd HH:mm}Z{(c.Reason is null ? "" : $" ({c.Reason})")}")));
        var quantiles = Quantiles.Count == 0 ? "" : $" at quantiles {string.Join(", ", Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))}";
        var problem = QuantileProblem is null ? "" : $" Note: {QuantileProblem}.";
        return string.Create(CultureInfo.InvariantCulture, $"Sensor {SensorId}, horizon {IsoDuration.Format(Horizon)}, {Model}: {Forecasts} forecasts{quantiles} by {models}; {what}{problem}");
    }
}

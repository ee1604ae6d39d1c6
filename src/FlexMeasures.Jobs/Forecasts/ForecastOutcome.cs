using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>What one forecast run stored.</summary>
/// <param name="ModelUsed">The model that made the values (the requested one, or its fallback).</param>
/// <param name="SourceId">The forecaster data source the beliefs were saved under.</param>
/// <param name="Forecasts">Events that got a forecast value.</param>
/// <param name="Regressor">The weather sensor used as regressor, if any.</param>
public sealed record ForecastOutcome(int SensorId, TimeSpan Horizon, string ModelUsed, int SourceId, int Forecasts, SaveResult Saved, string? Regressor = null)
{
    /// <summary>The quantile levels stored per event (the median among them); empty for a deterministic forecast.</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [];

    /// <summary>Why some events got no quantiles; null when all that were asked for got them.</summary>
    public string? QuantileProblem { get; init; }

    /// <summary>One line for people: what was stored.</summary>
    public string Describe()
    {
        var what = Saved.Status == SaveStatus.NothingNew
            ? "nothing new."
            : string.Create(CultureInfo.InvariantCulture, $"{Saved.Stored} stored, {Saved.Replaced} replaced, {Saved.Duplicates + Saved.Unchanged} unchanged.");
        var quantiles = Quantiles.Count == 0 ? "" : $" at quantiles {string.Join(", ", Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))}";
        var problem = QuantileProblem is null ? "" : $" Note: {QuantileProblem}.";
        return string.Create(CultureInfo.InvariantCulture, $"Sensor {SensorId}, horizon {IsoDuration.Format(Horizon)}, model {ModelUsed}: {Forecasts} forecasts{quantiles}; {what}{problem}");
    }
}

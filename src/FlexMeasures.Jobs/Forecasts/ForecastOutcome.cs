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
    /// <summary>One line for people: what was stored.</summary>
    public string Describe()
    {
        var what = Saved.Status == SaveStatus.NothingNew
            ? "nothing new."
            : string.Create(CultureInfo.InvariantCulture, $"{Saved.Stored} stored, {Saved.Replaced} replaced, {Saved.Duplicates + Saved.Unchanged} unchanged.");
        return string.Create(CultureInfo.InvariantCulture, $"Sensor {SensorId}, horizon {IsoDuration.Format(Horizon)}, model {ModelUsed}: {Forecasts} forecasts; {what}");
    }
}

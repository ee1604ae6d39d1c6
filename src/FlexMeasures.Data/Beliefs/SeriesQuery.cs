namespace FlexMeasures.Data.Beliefs;

/// <summary>A regular series of one value per step for a sensor over [Start, Start + Duration).</summary>
/// <param name="Start">UTC.</param>
/// <param name="Resolution">Step; null: the sensor's own resolution (or a default for instantaneous sensors).</param>
/// <param name="Unit">Unit of the values; null: the sensor's unit.</param>
/// <param name="Beliefs">Filters on the beliefs used (the sensor id and event window are taken from this record).</param>
/// <param name="MaxValues">
/// Most steps the read may go through, at the series' resolution and at the sensor's when that is finer (the events
/// read); null: no limit. A larger read is refused before anything is loaded.
/// </param>
public sealed record SeriesQuery(
    int SensorId, DateTime Start, TimeSpan Duration, TimeSpan? Resolution = null, string? Unit = null, BeliefQuery? Beliefs = null, int? MaxValues = null);

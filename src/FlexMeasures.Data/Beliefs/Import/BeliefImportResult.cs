using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>What an import stored, under which source.</summary>
/// <param name="BeliefTimeIsImportTime">
/// Neither a horizon, a belief-time column nor a prior was given, so every belief counts as held at the
/// moment of import (forecasts imported so become measurements-like beliefs: worth telling the user).
/// </param>
public sealed record BeliefImportResult(SaveResult Saved, DataSource Source, bool SourceCreated, bool BeliefTimeIsImportTime)
{
    /// <summary>Per sensor, the events for which new measurements were stored (after commit: what forecasts should follow).</summary>
    public IReadOnlyList<MeasurementWindow> NewMeasurements { get; init; } = [];
}

/// <summary>New measurements of one sensor: events starting from <paramref name="First"/> to <paramref name="Last"/> (UTC, inclusive).</summary>
public sealed record MeasurementWindow(int SensorId, DateTime First, DateTime Last);

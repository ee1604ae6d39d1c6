namespace FlexMeasures.Data.Assets;

/// <summary>Sensors drawn together in one chart of an asset's graph, under an optional title.</summary>
public sealed record SensorGroup(string? Title, IReadOnlyList<int> SensorIds);

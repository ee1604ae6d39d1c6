namespace FlexMeasures.Data.Beliefs;

/// <summary>A belief with the latest belief time about its event, as the series shortcut reads it.</summary>
internal readonly record struct LatestBelief(DateTime EventStart, double CumulativeProbability, double Value, int SourceId);

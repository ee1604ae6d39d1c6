namespace FlexMeasures.Data.Beliefs;

/// <summary>A stored belief with its belief time worked out.</summary>
/// <param name="EventStart">UTC.</param>
/// <param name="BeliefTime">UTC: knowledge time − belief horizon.</param>
public sealed record BeliefRecord(DateTime EventStart, DateTime BeliefTime, TimeSpan BeliefHorizon, int SourceId, double CumulativeProbability, double Value);

namespace FlexMeasures.Data.Charts;

/// <summary>One point a graph draws.</summary>
/// <param name="EventStart">UTC.</param>
/// <param name="BeliefTime">UTC; null for a point resampled from several events.</param>
/// <param name="BeliefHorizon">Positive for a forecast (held before the event was known); null like <paramref name="BeliefTime"/>.</param>
public readonly record struct ChartPoint(DateTime EventStart, double Value, DateTime? BeliefTime, TimeSpan? BeliefHorizon);

namespace FlexMeasures.Data.Beliefs;

/// <summary>A belief to save for a known sensor and source.</summary>
/// <param name="EventStart">UTC.</param>
/// <param name="BeliefHorizon">Knowledge time − belief time: positive for forecasts, zero or negative for measurements.</param>
/// <param name="Value">NaN means "no value" and is never stored.</param>
/// <param name="CumulativeProbability">0.5 for a deterministic belief.</param>
public readonly record struct NewBelief(DateTime EventStart, TimeSpan BeliefHorizon, double Value, double CumulativeProbability = 0.5);

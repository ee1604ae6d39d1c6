namespace FlexMeasures.Data.Beliefs;

/// <summary>One value of an incoming series that names its own event start (a row of a file).</summary>
/// <param name="Line">Where the row came from (a line number), named when the row is refused.</param>
/// <param name="EventStart">UTC.</param>
/// <param name="Value">In the unit the series is in; NaN means "no value".</param>
/// <param name="BeliefTime">UTC: the row's own belief time, or null to follow the <see cref="BeliefTiming"/>.</param>
public readonly record struct IncomingRow(long Line, DateTime EventStart, double Value, DateTime? BeliefTime = null);

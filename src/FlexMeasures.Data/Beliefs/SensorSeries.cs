namespace FlexMeasures.Data.Beliefs;

/// <summary>One value (or null for a gap) per step, in <see cref="Unit"/>.</summary>
/// <param name="Start">UTC start of the first step.</param>
public sealed record SensorSeries(DateTime Start, TimeSpan Duration, TimeSpan Resolution, string Unit, IReadOnlyList<DateTime> Steps, IReadOnlyList<double?> Values);

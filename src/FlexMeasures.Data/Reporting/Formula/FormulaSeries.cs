namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>A series in a formula: one value (or null for a gap) per step.</summary>
/// <param name="Steps">UTC step starts.</param>
public sealed record FormulaSeries(IReadOnlyList<DateTime> Steps, IReadOnlyList<double?> Values, TimeSpan Resolution);

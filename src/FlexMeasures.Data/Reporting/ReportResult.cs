using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Data.Reporting;

/// <summary>One computed series of a report, in the output sensor's unit and resolution; gaps are null and not stored.</summary>
/// <param name="Name">What it is (FlexMeasures' result name: <c>aggregate</c>, <c>profit</c>, <c>loss</c>, the output's name).</param>
/// <param name="Steps">UTC event starts.</param>
public sealed record ReportResult(string Name, Sensor Sensor, IReadOnlyList<DateTime> Steps, IReadOnlyList<double?> Values);

namespace FlexMeasures.Data.Scheduling;

/// <summary>A shiftable load's flex-model: constant <paramref name="Power"/> (MW) for <paramref name="Duration"/>.</summary>
/// <param name="ProcessType">INFLEXIBLE, SHIFTABLE or BREAKABLE.</param>
/// <param name="TimeRestrictions">Periods (UTC) the process may not run in.</param>
/// <param name="Maximize">FlexMeasures' <c>optimization-sense</c> MAX: the most expensive placement.</param>
public sealed record ProcessFlexModel(int? Sensor, double Power, TimeSpan Duration, string ProcessType, IReadOnlyList<TimedValue> TimeRestrictions, bool Maximize);

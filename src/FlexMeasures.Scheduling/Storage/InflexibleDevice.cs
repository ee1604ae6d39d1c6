namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// A device of the site whose power is given (e.g. a building's load or PV forecast, read from the
/// <c>inflexible-device-sensors</c>). It counts towards the site's capacity and the site's energy cost.
/// </summary>
/// <param name="Name">Label used in results (e.g. the sensor's id).</param>
/// <param name="PowerMw">Per step, MW; positive = consumption, negative = production (the scheduler's sign
/// convention; the caller flips sensors that store production as positive).</param>
/// <param name="Curtailable">False: the power is fixed at <see cref="PowerMw"/>. True: the scheduler may reduce
/// its magnitude towards 0 in any step (curtail PV, shed load), never reverse its sign; the scheduled
/// power is reported in <see cref="StorageSchedule.Devices"/>.</param>
public sealed record InflexibleDevice(string Name, IReadOnlyList<double> PowerMw, bool Curtailable = false);

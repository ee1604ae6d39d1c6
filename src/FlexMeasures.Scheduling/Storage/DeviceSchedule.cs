namespace FlexMeasures.Scheduling.Storage;

/// <summary>The planned power of one device (flexible, or a curtailable/fixed inflexible one).</summary>
/// <param name="Name">The device's <see cref="StorageDevice.Name"/> or <see cref="InflexibleDevice.Name"/>.</param>
/// <param name="PowerMw">Per step, MW; positive = consumption (charging), negative = production (discharging).
/// Store it as is on a sensor with <c>consumption_is_positive</c>, negated otherwise (FlexMeasures' power
/// sensors default to production positive).</param>
/// <param name="SocMwh">Null for devices without storage. Otherwise <see cref="TimeGrid.StepCount"/> + 1 values,
/// MWh: element 0 is the SoC at <see cref="TimeGrid.Start"/> (= <see cref="StorageDevice.SocAtStart"/>),
/// element <c>k+1</c> the SoC at the end of step <c>k</c>.</param>
public sealed record DeviceSchedule(string Name, IReadOnlyList<double> PowerMw, IReadOnlyList<double>? SocMwh);

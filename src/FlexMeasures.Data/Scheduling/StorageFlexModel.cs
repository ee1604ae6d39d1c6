namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// A storage device's flex-model (FlexMeasures' StorageScheduler): SoC in MWh, powers in MW (consumption positive),
/// efficiencies as fractions. Null means "not given": the scheduler's defaults apply.
/// </summary>
/// <param name="Sensor">The power sensor the schedule is written to.</param>
/// <param name="StateOfCharge">An instantaneous sensor the SoC schedule is written to.</param>
/// <param name="RoundtripEfficiency">Split evenly into charging and discharging efficiency (its square root each).</param>
public sealed record StorageFlexModel(
    int? Sensor,
    double? SocAtStart,
    double? SocMin,
    double? SocMax,
    FlexValue? SocMinima,
    FlexValue? SocMaxima,
    FlexValue? SocTargets,
    int? StateOfCharge,
    FlexValue? PowerCapacity,
    FlexValue? ConsumptionCapacity,
    FlexValue? ProductionCapacity,
    FlexValue? ChargingEfficiency,
    FlexValue? DischargingEfficiency,
    double? RoundtripEfficiency,
    FlexValue? StorageEfficiency,
    IReadOnlyList<FlexValue> SocGain,
    IReadOnlyList<FlexValue> SocUsage,
    bool PreferChargingSooner = true);

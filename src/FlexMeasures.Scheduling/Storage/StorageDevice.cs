namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// One flexible device of a site: a battery, an EV charger (V2G when it may discharge), a heat buffer,
/// or, without a state of charge, a plain flexible flow such as curtailable PV.
/// </summary>
/// <remarks>
/// <para>Sign convention (FlexMeasures' scheduler convention): power is positive when the device consumes
/// (charges) and negative when it produces (discharges).</para>
/// <para>Per-step lists (power, efficiencies, gains) have one element per <see cref="TimeGrid"/> step and
/// apply during that step. State-of-charge lists (<see cref="SocMinima"/>, <see cref="SocMaxima"/>,
/// <see cref="SocTargets"/>) also have one element per step, but element <c>k</c> is about the state of
/// charge at the END of step <c>k</c>, i.e. at <c>Start + (k+1)·Resolution</c>; null means no constraint at
/// that instant. A constraint at <c>Start</c> itself is meaningless here: <see cref="SocAtStart"/> fixes it.</para>
/// <para>The caller resolves flex-model fields into these numbers: <c>power-capacity</c> caps
/// consumption and production capacity; <c>roundtrip-efficiency</c> becomes √η charging and discharging;
/// <c>storage-efficiency</c> is converted to the fraction kept over ONE scheduling step.</para>
/// </remarks>
/// <param name="Name">Label used in results and breach reports (e.g. the power sensor's id).</param>
/// <param name="PowerCapacityMw">Per step, MW, ≥ 0: the hard physical limit in both directions.
/// When a device breach price is set (<see cref="BreachPrices.DeviceConsumption"/> /
/// <see cref="BreachPrices.DeviceProduction"/>) the consumption/production capacities below become soft
/// and only this one stays hard.</param>
/// <param name="ConsumptionCapacityMw">Per step, MW, ≥ 0, at most the power capacity; null = the power capacity.
/// 0 means the device cannot consume at all (always hard).</param>
/// <param name="ProductionCapacityMw">Per step, MW, ≥ 0 (a magnitude), at most the power capacity; null = the
/// power capacity. 0 means the device cannot produce at all (always hard; a one-way charger).</param>
/// <param name="SocAtStart">State of charge at <see cref="TimeGrid.Start"/>, MWh; null = the device has no storage
/// (no SoC variable, no SoC constraints, no SoC in the result).</param>
/// <param name="SocMin">Hard lower limit of the state of charge at every instant, MWh.</param>
/// <param name="SocMax">Hard upper limit of the state of charge at every instant, MWh; may be
/// <see cref="double.PositiveInfinity"/>.</param>
/// <param name="SocMinima">Per step (end of step), MWh, nullable: the SoC must be at least this. Soft when
/// <see cref="BreachPrices.SocMinima"/> is set.</param>
/// <param name="SocMaxima">Per step (end of step), MWh, nullable: the SoC must be at most this. Soft when
/// <see cref="BreachPrices.SocMaxima"/> is set.</param>
/// <param name="SocTargets">Per step (end of step), MWh, nullable: the SoC must equal this. Soft (shortage priced
/// as a minima breach, surplus as a maxima breach) when both SoC breach prices are set.</param>
/// <param name="ChargingEfficiency">Per step, fraction in (0, 1]: MWh stored per MWh consumed; null = 1.</param>
/// <param name="DischargingEfficiency">Per step, fraction in (0, 1]: MWh delivered per MWh taken from storage;
/// null = 1.</param>
/// <param name="StorageEfficiency">Per step, fraction in (0, 1]: share of the stored energy kept over one step
/// (losses over time, applied continuously within the step as FlexMeasures does); null = 1.</param>
/// <param name="SocGainMw">Per step, MW, ≥ 0 by convention: energy added to storage from outside the power
/// connection (e.g. solar heat), as a rate; null = none. Several gain series may be summed by the caller.</param>
/// <param name="SocUsageMw">Per step, MW, ≥ 0 by convention: energy taken from storage outside the power
/// connection (e.g. heat demand, driving), as a rate; null = none.</param>
/// <param name="PreferChargingSooner">Break ties towards a fuller storage earlier (FlexMeasures' default true):
/// a tiny penalty on the SoC staying below <see cref="SocMax"/>.</param>
/// <param name="PreferCurtailingLater">With <see cref="PreferChargingSooner"/>: let that tiny penalty fall over
/// time, so curtailment is also postponed (FlexMeasures' default true).</param>
public sealed record StorageDevice(
    string Name,
    IReadOnlyList<double> PowerCapacityMw,
    IReadOnlyList<double>? ConsumptionCapacityMw = null,
    IReadOnlyList<double>? ProductionCapacityMw = null,
    double? SocAtStart = null,
    double SocMin = 0,
    double SocMax = double.PositiveInfinity,
    IReadOnlyList<double?>? SocMinima = null,
    IReadOnlyList<double?>? SocMaxima = null,
    IReadOnlyList<double?>? SocTargets = null,
    IReadOnlyList<double>? ChargingEfficiency = null,
    IReadOnlyList<double>? DischargingEfficiency = null,
    IReadOnlyList<double>? StorageEfficiency = null,
    IReadOnlyList<double>? SocGainMw = null,
    IReadOnlyList<double>? SocUsageMw = null,
    bool PreferChargingSooner = true,
    bool PreferCurtailingLater = true);

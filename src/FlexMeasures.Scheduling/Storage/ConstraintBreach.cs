namespace FlexMeasures.Scheduling.Storage;

/// <summary>Which soft constraint a <see cref="ConstraintBreach"/> is about.</summary>
public enum BreachKind
{
    /// <summary>Site net consumption above <see cref="SiteContext.ConsumptionCapacityMw"/>; amounts in MW.</summary>
    SiteConsumptionCapacity,

    /// <summary>Site net production above <see cref="SiteContext.ProductionCapacityMw"/>; amounts in MW.</summary>
    SiteProductionCapacity,

    /// <summary>A device consuming above its consumption capacity; amounts in MW.</summary>
    DeviceConsumptionCapacity,

    /// <summary>A device producing above its production capacity; amounts in MW.</summary>
    DeviceProductionCapacity,

    /// <summary>SoC below a minimum; amounts in MWh.</summary>
    SocMinimum,

    /// <summary>SoC above a maximum; amounts in MWh.</summary>
    SocMaximum,

    /// <summary>SoC short of a target; amounts in MWh.</summary>
    SocTargetShortage,

    /// <summary>SoC over a target; amounts in MWh.</summary>
    SocTargetSurplus,
}

/// <summary>
/// A soft constraint the schedule does not meet, because meeting it was impossible or cost more than its
/// breach price. One record per kind and device (site breaches have a null device).
/// </summary>
/// <param name="Kind">Which constraint.</param>
/// <param name="Device">The device's name; null for site constraints.</param>
/// <param name="PerStep">Per step, the breach (≥ 0; MW for capacities, MWh at the end of the step for SoC).</param>
/// <param name="Largest">The largest element of <see cref="PerStep"/>.</param>
/// <param name="Cost">What the breach adds to the objective (currency), included in <see cref="StorageSchedule.Objective"/>.</param>
public sealed record ConstraintBreach(BreachKind Kind, string? Device, IReadOnlyList<double> PerStep, double Largest, double Cost);

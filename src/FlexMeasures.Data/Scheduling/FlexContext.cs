namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// A site's flex-context: prices in <see cref="Currency"/> per MWh (energy) or per MW (capacity breaches and peaks),
/// capacities in MW. Null means "not given".
/// </summary>
/// <param name="Currency">The currency every price shares (ISO 4217 code), null when no fixed price was given.</param>
/// <param name="RelaxConstraints">FlexMeasures' default (true): SoC and site capacity constraints are soft.</param>
public sealed record FlexContext(
    FlexValue? ConsumptionPrice,
    FlexValue? ProductionPrice,
    FlexValue? SitePowerCapacity,
    FlexValue? SiteConsumptionCapacity,
    FlexValue? SiteProductionCapacity,
    FlexValue? SiteConsumptionBreachPrice,
    FlexValue? SiteProductionBreachPrice,
    FlexValue SitePeakConsumption,
    FlexValue? SitePeakConsumptionPrice,
    FlexValue SitePeakProduction,
    FlexValue? SitePeakProductionPrice,
    FlexValue? ConsumptionBreachPrice,
    FlexValue? ProductionBreachPrice,
    FlexValue? SocMinimaBreachPrice,
    FlexValue? SocMaximaBreachPrice,
    bool RelaxConstraints,
    bool? RelaxSocConstraints,
    bool RelaxCapacityConstraints,
    bool? RelaxSiteCapacityConstraints,
    IReadOnlyList<int> InflexibleDeviceSensors,
    string? Currency)
{
    /// <summary>Whether SoC minima, maxima and targets are soft (breached at a price) rather than hard.</summary>
    public bool SoftSoc => RelaxSocConstraints ?? RelaxConstraints;

    /// <summary>Whether the site's capacity is soft.</summary>
    public bool SoftSiteCapacity => RelaxSiteCapacityConstraints ?? RelaxConstraints;
}

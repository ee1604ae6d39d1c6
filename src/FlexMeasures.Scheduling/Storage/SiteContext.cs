namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// The site all devices share (FlexMeasures' flex-context, resolved to numbers per step).
/// </summary>
/// <param name="ConsumptionPrice">Per step, currency/MWh: paid for the site's net consumption.</param>
/// <param name="ProductionPrice">Per step, currency/MWh: earned for the site's net production; null = the
/// consumption price (FlexMeasures' default).</param>
/// <param name="PowerCapacityMw">Per step, MW, ≥ 0, null = unlimited: the hard physical limit of the grid
/// connection in both directions (<c>site-power-capacity</c>).</param>
/// <param name="ConsumptionCapacityMw">Per step, MW, ≥ 0, null = the power capacity: the contracted net
/// consumption limit (<c>site-consumption-capacity</c>); soft when <see cref="BreachPrices.SiteConsumption"/> is set.</param>
/// <param name="ProductionCapacityMw">Per step, MW, ≥ 0 (a magnitude), null = the power capacity
/// (<c>site-production-capacity</c>); soft when <see cref="BreachPrices.SiteProduction"/> is set.</param>
/// <param name="PeakConsumptionMw">Per step, MW, ≥ 0: the consumption peak already paid for
/// (<c>site-peak-consumption</c>); null with a price = 0.</param>
/// <param name="PeakConsumptionPrice">Per step, currency/MW, null = no peak pricing: charged once on the largest
/// net consumption above <see cref="PeakConsumptionMw"/> in each run of steps with the same peak and price
/// (<c>site-peak-consumption-price</c>).</param>
/// <param name="PeakProductionMw">Per step, MW, ≥ 0 (a magnitude) (<c>site-peak-production</c>); null with a price = 0.</param>
/// <param name="PeakProductionPrice">Per step, currency/MW, null = no peak pricing (<c>site-peak-production-price</c>).</param>
/// <param name="Breach">Prices that make constraints soft; <see cref="BreachPrices.None"/> keeps all hard.</param>
public sealed record SiteContext(
    IReadOnlyList<double> ConsumptionPrice,
    IReadOnlyList<double>? ProductionPrice = null,
    IReadOnlyList<double>? PowerCapacityMw = null,
    IReadOnlyList<double>? ConsumptionCapacityMw = null,
    IReadOnlyList<double>? ProductionCapacityMw = null,
    IReadOnlyList<double>? PeakConsumptionMw = null,
    IReadOnlyList<double>? PeakConsumptionPrice = null,
    IReadOnlyList<double>? PeakProductionMw = null,
    IReadOnlyList<double>? PeakProductionPrice = null,
    BreachPrices? Breach = null);

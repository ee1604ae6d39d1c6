namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// Prices that turn hard constraints into soft ones (FlexMeasures' <c>*-breach-price</c> fields and the
/// defaults that <c>relax-constraints</c> fills in). A null price keeps that constraint hard.
/// </summary>
/// <remarks>
/// As in FlexMeasures, each soft constraint is priced twice: once on its largest breach (per run of steps with
/// the same reference) and once on every step's breach, so a schedule prefers no breach, then a small peak,
/// then a short one. Capacities: price × largest MW, plus price × MW × step hours per step. SoC (FlexMeasures
/// prices stock in MW·steps): price × largest MWh ÷ step hours, plus price × MWh per step. All prices are in
/// the currency of <see cref="SiteContext.ConsumptionPrice"/>.
/// </remarks>
/// <param name="SiteConsumption">currency/MW: breaching <see cref="SiteContext.ConsumptionCapacityMw"/>.</param>
/// <param name="SiteProduction">currency/MW: breaching <see cref="SiteContext.ProductionCapacityMw"/>.</param>
/// <param name="DeviceConsumption">currency/MW: breaching a device's <see cref="StorageDevice.ConsumptionCapacityMw"/>.</param>
/// <param name="DeviceProduction">currency/MW: breaching a device's <see cref="StorageDevice.ProductionCapacityMw"/>.</param>
/// <param name="SocMinima">currency/MWh: SoC below a minimum or short of a target.</param>
/// <param name="SocMaxima">currency/MWh: SoC above a maximum or over a target.</param>
public sealed record BreachPrices(
    double? SiteConsumption = null,
    double? SiteProduction = null,
    double? DeviceConsumption = null,
    double? DeviceProduction = null,
    double? SocMinima = null,
    double? SocMaxima = null)
{
    /// <summary>Every constraint hard.</summary>
    public static BreachPrices None { get; } = new();

    /// <summary>FlexMeasures' default SoC breach price for <c>relax-soc-constraints</c>: 1000 per kWh, in currency/MWh.</summary>
    public const double DefaultSocBreachPrice = 1_000_000;

    /// <summary>FlexMeasures' default device capacity breach price for <c>relax-capacity-constraints</c>: 100 per kW, in currency/MW.</summary>
    public const double DefaultDeviceCapacityBreachPrice = 100_000;

    /// <summary>FlexMeasures' default site capacity breach price for <c>relax-site-capacity-constraints</c>: 10000 per kW, in currency/MW.</summary>
    public const double DefaultSiteCapacityBreachPrice = 10_000_000;

    /// <summary>
    /// The breach prices FlexMeasures fills in from its relax flags (for fields the user did not price):
    /// SoC and site capacity are relaxed by default (<c>relax-constraints</c> true), device capacities only
    /// when asked for explicitly.
    /// </summary>
    public static BreachPrices FromRelaxFlags(bool relaxSoc, bool relaxSiteCapacity, bool relaxDeviceCapacity) => new(
        SiteConsumption: relaxSiteCapacity ? DefaultSiteCapacityBreachPrice : null,
        SiteProduction: relaxSiteCapacity ? DefaultSiteCapacityBreachPrice : null,
        DeviceConsumption: relaxDeviceCapacity ? DefaultDeviceCapacityBreachPrice : null,
        DeviceProduction: relaxDeviceCapacity ? DefaultDeviceCapacityBreachPrice : null,
        SocMinima: relaxSoc ? DefaultSocBreachPrice : null,
        SocMaxima: relaxSoc ? DefaultSocBreachPrice : null);
}

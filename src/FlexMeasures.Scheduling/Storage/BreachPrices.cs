namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// Prices that turn hard constraints into soft ones (FlexMeasures' <c>*-breach-price</c> fields and the
/// defaults that <c>relax-constraints</c> fills in). A null price keeps that constraint hard.
/// </summary>
/// <remarks>
/// As in FlexMeasures, each soft constraint is priced twice: once on its largest breach (per run of steps with
/// the same reference and price) and once on every step's breach, so a schedule prefers no breach, then a small
/// peak, then a short one. Prices are per step, as FlexMeasures takes them (a fixed price, a time series or a
/// sensor): a step's breach is priced at that step's price, and a run priced on its largest breach ends where
/// the price changes. A price of 0 at a step leaves that step's breach free (FlexMeasures' unknown price). Capacities: price × largest MW, plus price × MW × step hours per step. SoC (FlexMeasures
/// prices stock in MW·steps): price × largest MWh ÷ step hours, plus price × MWh per step. All prices are in
/// the currency of <see cref="SiteContext.ConsumptionPrice"/>.
/// </remarks>
/// <param name="SiteConsumption">Per step, currency/MW: breaching <see cref="SiteContext.ConsumptionCapacityMw"/>.</param>
/// <param name="SiteProduction">Per step, currency/MW: breaching <see cref="SiteContext.ProductionCapacityMw"/>.</param>
/// <param name="DeviceConsumption">Per step, currency/MW: breaching a device's <see cref="StorageDevice.ConsumptionCapacityMw"/>.</param>
/// <param name="DeviceProduction">Per step, currency/MW: breaching a device's <see cref="StorageDevice.ProductionCapacityMw"/>.</param>
/// <param name="SocMinima">Per step (the SoC at the end of the step), currency/MWh: SoC below a minimum or short of a target.</param>
/// <param name="SocMaxima">Per step (the SoC at the end of the step), currency/MWh: SoC above a maximum or over a target.</param>
public sealed record BreachPrices(
    IReadOnlyList<double>? SiteConsumption = null,
    IReadOnlyList<double>? SiteProduction = null,
    IReadOnlyList<double>? DeviceConsumption = null,
    IReadOnlyList<double>? DeviceProduction = null,
    IReadOnlyList<double>? SocMinima = null,
    IReadOnlyList<double>? SocMaxima = null)
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
    /// The breach prices FlexMeasures fills in from its relax flags (for fields the user did not price), the same at
    /// each of the <paramref name="steps"/> steps: SoC and site capacity are relaxed by default
    /// (<c>relax-constraints</c> true), device capacities only when asked for explicitly.
    /// </summary>
    public static BreachPrices FromRelaxFlags(int steps, bool relaxSoc, bool relaxSiteCapacity, bool relaxDeviceCapacity) => new(
        SiteConsumption: relaxSiteCapacity ? Constant(steps, DefaultSiteCapacityBreachPrice) : null,
        SiteProduction: relaxSiteCapacity ? Constant(steps, DefaultSiteCapacityBreachPrice) : null,
        DeviceConsumption: relaxDeviceCapacity ? Constant(steps, DefaultDeviceCapacityBreachPrice) : null,
        DeviceProduction: relaxDeviceCapacity ? Constant(steps, DefaultDeviceCapacityBreachPrice) : null,
        SocMinima: relaxSoc ? Constant(steps, DefaultSocBreachPrice) : null,
        SocMaxima: relaxSoc ? Constant(steps, DefaultSocBreachPrice) : null);

    /// <summary>One price for every one of <paramref name="steps"/> steps.</summary>
    public static double[] Constant(int steps, double price) => Enumerable.Repeat(price, steps).ToArray();
}

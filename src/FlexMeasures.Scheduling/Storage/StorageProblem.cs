namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// Everything the storage scheduler needs: the time grid, the flexible devices of one site (scheduled
/// together), the site's inflexible devices, and the site context. All numbers are already in MW, MWh,
/// currency/MWh and currency/MW; every per-step list has <see cref="TimeGrid.StepCount"/> elements.
/// </summary>
/// <param name="Grid">The steps to plan.</param>
/// <param name="Devices">The flexible devices, at least one. Their order is kept in the result.</param>
/// <param name="Site">Prices, site capacities, peaks and breach prices.</param>
/// <param name="InflexibleDevices">Given (or curtailable) loads and generators of the site; null = none.</param>
public sealed record StorageProblem(
    TimeGrid Grid,
    IReadOnlyList<StorageDevice> Devices,
    SiteContext Site,
    IReadOnlyList<InflexibleDevice>? InflexibleDevices = null);

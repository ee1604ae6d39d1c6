namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// Checks a <see cref="StorageProblem"/> before a model is built, with messages that name the field
/// (<c>Devices[1].SocTargets</c>) so the caller can map them back to the flex-model.
/// </summary>
internal static class StorageInput
{
    internal static void Validate(StorageProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem.Grid);
        ArgumentNullException.ThrowIfNull(problem.Devices);
        ArgumentNullException.ThrowIfNull(problem.Site);
        var n = problem.Grid.StepCount;
        if (n < 1)
        {
            throw new ArgumentException("Grid.StepCount must be at least 1.", nameof(problem));
        }

        if (problem.Grid.Resolution <= TimeSpan.Zero)
        {
            throw new ArgumentException("Grid.Resolution must be positive.", nameof(problem));
        }

        if (problem.Devices.Count == 0)
        {
            throw new ArgumentException("Devices must hold at least one flexible device.", nameof(problem));
        }

        for (var d = 0; d < problem.Devices.Count; d++)
        {
            ValidateDevice(problem.Devices[d], n, $"Devices[{d}]");
        }

        var inflexible = problem.InflexibleDevices ?? [];
        for (var i = 0; i < inflexible.Count; i++)
        {
            Finite(inflexible[i].PowerMw, n, $"InflexibleDevices[{i}].PowerMw");
        }

        var site = problem.Site;
        Finite(site.ConsumptionPrice, n, "Site.ConsumptionPrice");
        Finite(site.ProductionPrice, n, "Site.ProductionPrice");
        NonNegative(site.PowerCapacityMw, n, "Site.PowerCapacityMw");
        NonNegative(site.ConsumptionCapacityMw, n, "Site.ConsumptionCapacityMw");
        NonNegative(site.ProductionCapacityMw, n, "Site.ProductionCapacityMw");
        NonNegative(site.PeakConsumptionMw, n, "Site.PeakConsumptionMw");
        NonNegative(site.PeakProductionMw, n, "Site.PeakProductionMw");
        var breach = site.Breach ?? BreachPrices.None;
        (IReadOnlyList<double>? Prices, string Path)[] penalties =
        [
            (site.PeakConsumptionPrice, "Site.PeakConsumptionPrice"), (site.PeakProductionPrice, "Site.PeakProductionPrice"),
            (breach.SiteConsumption, "Site.Breach.SiteConsumption"), (breach.SiteProduction, "Site.Breach.SiteProduction"),
            (breach.DeviceConsumption, "Site.Breach.DeviceConsumption"), (breach.DeviceProduction, "Site.Breach.DeviceProduction"),
            (breach.SocMinima, "Site.Breach.SocMinima"), (breach.SocMaxima, "Site.Breach.SocMaxima"),
        ];
        foreach (var (prices, path) in penalties)
        {
            Finite(prices, n, path);
            Each(prices, n, path, v => v < 0 ? $"is negative ({v}); a penalty price is at least 0" : null);
        }
    }

    private static void ValidateDevice(StorageDevice device, int n, string path)
    {
        NonNegative(device.PowerCapacityMw, n, $"{path}.PowerCapacityMw");
        NonNegative(device.ConsumptionCapacityMw, n, $"{path}.ConsumptionCapacityMw");
        NonNegative(device.ProductionCapacityMw, n, $"{path}.ProductionCapacityMw");
        Fraction(device.ChargingEfficiency, n, $"{path}.ChargingEfficiency");
        Fraction(device.DischargingEfficiency, n, $"{path}.DischargingEfficiency");
        Fraction(device.StorageEfficiency, n, $"{path}.StorageEfficiency");
        Finite(device.SocGainMw, n, $"{path}.SocGainMw");
        Finite(device.SocUsageMw, n, $"{path}.SocUsageMw");
        Optional(device.SocMinima, n, $"{path}.SocMinima");
        Optional(device.SocMaxima, n, $"{path}.SocMaxima");
        Optional(device.SocTargets, n, $"{path}.SocTargets");
        if (device.SocAtStart is { } soc && !double.IsFinite(soc))
        {
            throw new ArgumentException($"{path}.SocAtStart must be a finite number of MWh.");
        }

        if (double.IsNaN(device.SocMin) || double.IsNaN(device.SocMax) || double.IsInfinity(device.SocMin))
        {
            throw new ArgumentException($"{path}.SocMin must be finite and {path}.SocMax a number.");
        }

        if (device.SocMin > device.SocMax)
        {
            throw new ArgumentException($"{path}.SocMin ({device.SocMin} MWh) is above {path}.SocMax ({device.SocMax} MWh).");
        }

        if (device.SocAtStart is null && (device.SocMinima ?? device.SocMaxima ?? device.SocTargets) is not null)
        {
            throw new ArgumentException($"{path} has SoC minima, maxima or targets but no SocAtStart.");
        }
    }

    private static void Length<T>(IReadOnlyList<T> values, int n, string path)
    {
        if (values.Count != n)
        {
            throw new ArgumentException($"{path} has {values.Count} values; the grid has {n} steps.");
        }
    }

    private static void Finite(IReadOnlyList<double>? values, int n, string path) =>
        Each(values, n, path, v => double.IsFinite(v) ? null : "is not a finite number");

    private static void NonNegative(IReadOnlyList<double>? values, int n, string path)
    {
        Finite(values, n, path);
        Each(values, n, path, v => v < 0 ? $"is negative ({v}); capacities are magnitudes" : null);
    }

    private static void Fraction(IReadOnlyList<double>? values, int n, string path)
    {
        Finite(values, n, path);
        Each(values, n, path, v => v is <= 0 or > 1 ? $"is {v}; an efficiency lies in (0, 1]" : null);
    }

    private static void Optional(IReadOnlyList<double?>? values, int n, string path) =>
        Each(values, n, path, v => v is { } value && !double.IsFinite(value) ? "is not a finite number" : null);

    /// <summary>A per-step series (if given) has a value per step, and the first value <paramref name="problem"/> finds fault with is reported.</summary>
    private static void Each<T>(IReadOnlyList<T>? values, int n, string path, Func<T, string?> problem)
    {
        if (values is null)
        {
            return;
        }

        Length(values, n, path);
        for (var j = 0; j < n; j++)
        {
            if (problem(values[j]) is { } why)
            {
                throw new ArgumentException($"{path}[{j}] {why}.");
            }
        }
    }
}

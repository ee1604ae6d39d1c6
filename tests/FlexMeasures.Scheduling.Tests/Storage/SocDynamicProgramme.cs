using FlexMeasures.Scheduling.Storage;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>
/// A solver-free optimum for one lossless battery alone on a site: a dynamic programme over the SoC on a grid
/// of <c>step</c> MWh. Exact when every optimal SoC lies on that grid (capacities and bounds multiples of it).
/// </summary>
internal static class SocDynamicProgramme
{
    internal static double MinimumEnergyCost(StorageProblem problem, double step)
    {
        var device = problem.Devices.Single();
        var n = problem.Grid.StepCount;
        var h = problem.Grid.StepHours;
        var levels = (int)Math.Round((device.SocMax - device.SocMin) / step);
        double Level(int i) => device.SocMin + (i * step);
        var cost = new double[levels + 1];
        Array.Fill(cost, double.PositiveInfinity);
        cost[(int)Math.Round((device.SocAtStart!.Value - device.SocMin) / step)] = 0;
        for (var j = 0; j < n; j++)
        {
            var next = new double[levels + 1];
            Array.Fill(next, double.PositiveInfinity);
            var cp = problem.Site.ConsumptionPrice[j];
            var pp = problem.Site.ProductionPrice?[j] ?? cp;
            var up = Math.Min(device.PowerCapacityMw[j], device.ConsumptionCapacityMw?[j] ?? double.PositiveInfinity);
            var down = Math.Min(device.PowerCapacityMw[j], device.ProductionCapacityMw?[j] ?? double.PositiveInfinity);
            if (problem.Site.PowerCapacityMw is { } site)
            {
                up = Math.Min(up, site[j]);
                down = Math.Min(down, site[j]);
            }

            for (var from = 0; from <= levels; from++)
            {
                if (double.IsPositiveInfinity(cost[from]))
                {
                    continue;
                }

                for (var to = 0; to <= levels; to++)
                {
                    var power = (Level(to) - Level(from)) / h;
                    if (power > up + 1e-12 || -power > down + 1e-12 || !Allowed(device, j, Level(to)))
                    {
                        continue;
                    }

                    var stepCost = power * h * (power >= 0 ? cp : pp);
                    next[to] = Math.Min(next[to], cost[from] + stepCost);
                }
            }

            cost = next;
        }

        return cost.Min();
    }

    private static bool Allowed(StorageDevice device, int j, double soc) =>
        (device.SocMinima?[j] is not { } minimum || soc >= minimum - 1e-12)
        && (device.SocMaxima?[j] is not { } maximum || soc <= maximum + 1e-12)
        && (device.SocTargets?[j] is not { } target || Math.Abs(soc - target) < 1e-12);
}

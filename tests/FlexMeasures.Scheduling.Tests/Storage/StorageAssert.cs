using FlexMeasures.Scheduling.Storage;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>Checks every storage schedule in these tests must pass, whatever the case asserts on top.</summary>
internal static class StorageAssert
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// Optimal, within the hard limits, its SoC the integral of its power, and (for hard-constrained problems)
    /// its objective equal to the independent reference optimum.
    /// </summary>
    internal static StorageSchedule SolvedAndOptimal(StorageProblem problem)
    {
        var schedule = StorageScheduler.Schedule(problem);
        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        WithinLimits(problem, schedule);
        var breach = problem.Site.Breach ?? BreachPrices.None;
        if (breach == BreachPrices.None && problem.Site.PeakConsumptionPrice is null && problem.Site.PeakProductionPrice is null)
        {
            var reference = ReferenceOptimum.Objective(problem);
            Assert.NotNull(reference);
            Assert.Equal(reference.Value, schedule.Objective, Tolerance * Math.Max(1, Math.Abs(reference.Value)));
        }

        return schedule;
    }

    internal static void WithinLimits(StorageProblem problem, StorageSchedule schedule)
    {
        var h = problem.Grid.StepHours;
        for (var d = 0; d < problem.Devices.Count; d++)
        {
            var device = problem.Devices[d];
            var result = schedule.Devices[d];
            for (var j = 0; j < problem.Grid.StepCount; j++)
            {
                Assert.InRange(result.PowerMw[j], -device.PowerCapacityMw[j] - Tolerance, device.PowerCapacityMw[j] + Tolerance);
            }

            if (device.SocAtStart is null)
            {
                continue;
            }

            Assert.NotNull(result.SocMwh);
            Assert.Equal(device.SocAtStart.Value, result.SocMwh[0]);
            for (var j = 0; j < problem.Grid.StepCount; j++)
            {
                Assert.InRange(result.SocMwh[j + 1], device.SocMin - Tolerance, device.SocMax + Tolerance);
                var e = device.StorageEfficiency?[j] ?? 1;
                if (e == 1 && device.ChargingEfficiency is null && device.DischargingEfficiency is null)
                {
                    // Lossless: the SoC is the integral of power and gains.
                    var delta = (device.SocGainMw?[j] ?? 0) - (device.SocUsageMw?[j] ?? 0);
                    Assert.Equal(result.SocMwh[j] + ((result.PowerMw[j] + delta) * h), result.SocMwh[j + 1], Tolerance);
                }
            }
        }

        for (var j = 0; j < problem.Grid.StepCount; j++)
        {
            var fixedPower = (problem.InflexibleDevices ?? []).Where(device => !device.Curtailable).Sum(device => device.PowerMw[j]);
            var total = schedule.Devices.Sum(device => device.PowerMw[j]) + fixedPower;
            Assert.Equal(total, schedule.SiteNetPowerMw[j], Tolerance);
            if (problem.Site.PowerCapacityMw is { } capacity)
            {
                Assert.InRange(schedule.SiteNetPowerMw[j], -capacity[j] - Tolerance, capacity[j] + Tolerance);
            }
        }
    }
}

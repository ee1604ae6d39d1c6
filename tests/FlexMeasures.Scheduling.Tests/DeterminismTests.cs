using FlexMeasures.Scheduling.Processes;
using FlexMeasures.Scheduling.Storage;
using FlexMeasures.Scheduling.Tests.Storage;
using static FlexMeasures.Scheduling.Tests.FlexMeasuresTestData;

namespace FlexMeasures.Scheduling.Tests;

/// <summary>A stored schedule must be the same bits when recomputed from the same inputs.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Schedule_GivesSameBits_WhenSolvedTwice()
    {
        var grid = new TimeGrid(AmsterdamMidnight(1), TimeSpan.FromMinutes(15), 2 * 96);
        var prices = PerStep([.. Day1ConsumptionPrices, .. Day2Prices], 4);
        var n = grid.StepCount;
        StorageDevice Device(int i) => new(
            $"ev {i}",
            Problems.Constant(n, 0.011 * (i + 1)),
            SocAtStart: 0.01 * i,
            SocMax: 0.1,
            ProductionCapacityMw: Problems.Constant(n, 0),
            SocTargets: Problems.At(n, (40 + (7 * i), 0.08)),
            ChargingEfficiency: Problems.Constant(n, 0.95));
        var problem = new StorageProblem(
            grid,
            Enumerable.Range(0, 5).Select(Device).ToArray(),
            new SiteContext(prices, PowerCapacityMw: Problems.Constant(n, 0.1), Breach: BreachPrices.FromRelaxFlags(n, true, true, false)),
            BatterySolverTests.BuildingInflexibleDevices(n).Select(device => device with { PowerMw = device.PowerMw.Select(p => p / 40).ToArray() }).ToArray());

        var first = StorageScheduler.Schedule(problem);
        var second = StorageScheduler.Schedule(problem);

        Assert.Equal(SolverStatus.Optimal, first.Status);
        Assert.Equal(Bits(first), Bits(second));
    }

    /// <summary>The MILP path: a lossy battery burning energy at negative prices needs its one-direction binaries.</summary>
    [Fact]
    public void Schedule_GivesSameBits_WhenSolvedTwiceAsMilp()
    {
        var grid = new TimeGrid(AmsterdamMidnight(3), TimeSpan.FromHours(1), 24);
        var battery = new StorageDevice(
            "battery", Problems.Constant(24, 2), SocAtStart: 2, SocMax: 2,
            ChargingEfficiency: Problems.Constant(24, 0.9), DischargingEfficiency: Problems.Constant(24, 0.9));
        var problem = new StorageProblem(grid, [battery], new SiteContext(Day3ConsumptionPrices, PowerCapacityMw: Problems.Constant(24, 2)));

        var first = StorageScheduler.Schedule(problem);

        Assert.Equal(SolverStatus.Optimal, first.Status);
        Assert.Equal(Bits(first), Bits(StorageScheduler.Schedule(problem)));
    }

    [Fact]
    public void ProcessSchedule_GivesSameBits_WhenSolvedTwice()
    {
        var problem = new ProcessProblem(new TimeGrid(AmsterdamMidnight(1), TimeSpan.FromMinutes(15), 96), 1.5, 7, ProcessType.Breakable, PerStep(Day1ConsumptionPrices, 4));

        Assert.Equal(ProcessScheduler.Schedule(problem).PowerMw, ProcessScheduler.Schedule(problem).PowerMw);
    }

    private static long[] Bits(StorageSchedule schedule) =>
        schedule.Devices.SelectMany(device => device.PowerMw.Concat(device.SocMwh ?? []))
            .Concat(schedule.SiteNetPowerMw)
            .Append(schedule.Objective)
            .Select(BitConverter.DoubleToInt64Bits)
            .ToArray();
}

using FlexMeasures.Scheduling.Storage;
using static FlexMeasures.Scheduling.Tests.FlexMeasuresTestData;
using static FlexMeasures.Scheduling.Tests.Storage.Problems;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>FlexMeasures' test_solver.py battery cases (named after them), through <see cref="StorageScheduler"/>.</summary>
public sealed class BatterySolverTests
{
    private static BreachPrices Relaxed(int steps) => BreachPrices.FromRelaxFlags(steps, relaxSoc: true, relaxSiteCapacity: true, relaxDeviceCapacity: false);

    /// <summary>test_battery_solver_day_1: within limits on day 1's prices, with and without the building's inflexible load and PV.</summary>
    [Theory]
    [InlineData(2.0, 2.5, 5.0, false)]
    [InlineData(2.0, 2.5, 5.0, true)]
    [InlineData(0.01, 0.005, 0.01, false)]
    [InlineData(0.01, 0.005, 0.01, true)]
    public void Schedule_StaysWithinLimitsAtLowestCost_WhenBatteryOnDay1Prices(double capacityMw, double socAtStart, double socMax, bool withInflexible)
    {
        var grid = Day(1, Quarter);
        var problem = new StorageProblem(
            grid,
            [Battery(grid.StepCount, socAtStart, 0, socMax, capacityMw)],
            new SiteContext(PerStep(Day1ConsumptionPrices, 4), PowerCapacityMw: Constant(grid.StepCount, 2)),
            withInflexible ? BuildingInflexibleDevices(grid.StepCount) : null);

        var schedule = StorageAssert.SolvedAndOptimal(problem);

        Assert.Empty(schedule.Breaches);
    }

    /// <summary>The independent check without any solver: a dynamic programme over the SoC gives the same cost.</summary>
    [Theory]
    [InlineData(2.0, 2.5, 5.0, 0.5)]
    [InlineData(0.01, 0.005, 0.01, 0.0025)]
    public void Schedule_CostEqualsDynamicProgramme_WhenLosslessBatteryOnDay1Prices(double capacityMw, double socAtStart, double socMax, double socStep)
    {
        var grid = Day(1, Quarter);
        var battery = Battery(grid.StepCount, socAtStart, 0, socMax, capacityMw) with { PreferChargingSooner = false };
        var problem = new StorageProblem(grid, [battery], new SiteContext(PerStep(Day1ConsumptionPrices, 4), PowerCapacityMw: Constant(grid.StepCount, 2)));

        var schedule = StorageAssert.SolvedAndOptimal(problem);

        Assert.Equal(SocDynamicProgramme.MinimumEnergyCost(problem, socStep), schedule.EnergyCost, 1e-9);
        Assert.Equal(schedule.EnergyCost, schedule.Objective, 1e-9);
    }

    /// <summary>test_battery_solver_day_2: 8 expensive, 8 cheap, 8 expensive hours, for several roundtrip and storage efficiencies.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 0.999)]
    [InlineData(1, 0.5)]
    [InlineData(0.99, 1)]
    [InlineData(0.01, 1)]
    public void Schedule_CyclesOnlyWhenWorthIt_WhenDay2PricesAndEfficiencies(double roundtrip, double storageEfficiency)
    {
        var grid = Day(2, Quarter);
        var n = grid.StepCount;
        var battery = Battery(n, 2.5, 0.5, 4.5) with
        {
            ChargingEfficiency = RoundtripHalf(n, roundtrip),
            DischargingEfficiency = RoundtripHalf(n, roundtrip),
            StorageEfficiency = Constant(n, storageEfficiency),
            PreferCurtailingLater = false,
        };
        var problem = new StorageProblem(grid, [battery], new SiteContext(PerStep(Day2Prices, 4), PowerCapacityMw: Constant(n, 2)));

        var soc = StorageAssert.SolvedAndOptimal(problem).Devices[0].SocMwh!;

        Assert.Equal(0.5, soc[n], 6);
        if (roundtrip > 0.9 && storageEfficiency > 0.9)
        {
            Assert.Equal(0.5, soc[8 * 4], 3);
            Assert.Equal(4.5, soc[16 * 4], 6);
        }
        else if (storageEfficiency > 0.9)
        {
            Assert.Equal(2.5, soc[8 * 4], 6);
            Assert.Equal(2.5, soc[16 * 4], 6);
        }
        else
        {
            Assert.Equal(0.5, soc[8 * 4], 6);
            Assert.Equal(0.5, soc[16 * 4], 6);
        }
    }

    /// <summary>
    /// test_battery_solver_day_3: 8 hours of negative prices, then 16 expensive ones. With losses and equal prices
    /// the battery burns energy by alternating charge and discharge (never both in one step); otherwise it holds.
    /// </summary>
    [Theory]
    [InlineData(0.9, false)]
    [InlineData(1.0, false)]
    [InlineData(0.9, true)]
    [InlineData(1.0, true)]
    public void Schedule_ChargesOrDischargesPerStep_WhenNegativePricesOnDay3(double roundtrip, bool lowerProductionPrice)
    {
        var grid = Day(3, Hour);
        var n = grid.StepCount;
        var battery = Battery(n, socAtStart: 2, socMin: 0, socMax: 2) with
        {
            ChargingEfficiency = RoundtripHalf(n, roundtrip),
            DischargingEfficiency = RoundtripHalf(n, roundtrip),
            PreferCurtailingLater = false,
        };
        var site = new SiteContext(
            Day3ConsumptionPrices,
            lowerProductionPrice ? Day3ProductionPrices : Day3ConsumptionPrices,
            PowerCapacityMw: Constant(n, 2));

        var power = StorageAssert.SolvedAndOptimal(new StorageProblem(grid, [battery], site)).Devices[0].PowerMw;

        Assert.All(power.Skip(8), p => Assert.True(p <= 1e-9));
        if (roundtrip < 1 && !lowerProductionPrice)
        {
            for (var hour = 0; hour < 8; hour++)
            {
                Assert.True(hour % 2 == 0 ? power[hour] < 0 : power[hour] > 0, $"hour {hour}: {power[hour]} MW");
            }
        }
        else
        {
            Assert.All(power.Take(8), p => Assert.Equal(0, p, 9));
        }

        if (lowerProductionPrice)
        {
            Assert.Equal(-2 * Math.Sqrt(roundtrip), power.Min(), 6);
        }
    }

    /// <summary>test_charging_station_solver_day_2: from 1 MWh, any SoC in reach within 2 hours is hit exactly.</summary>
    [Theory]
    [InlineData(1.0, false)]
    [InlineData(5.0, false)]
    [InlineData(0.0, true)]
    [InlineData(5.0, true)]
    public void Schedule_ReachesTarget_WhenChargingStationTargetWithinReach(double target, bool bidirectional)
    {
        var problem = ChargingStationInTwoHours(socAtStart: 1, socMax: Math.Max(target, 1), target, bidirectional);

        var result = StorageAssert.SolvedAndOptimal(problem).Devices[0];

        Assert.Equal(target, result.SocMwh![8], 5);
        Assert.All(result.PowerMw, p => Assert.InRange(p, bidirectional ? -2 - 1e-9 : -1e-9, 2 + 1e-9));
    }

    /// <summary>test_storage_scheduler_reports_unsolvable_problem_without_fallback: a hard target out of reach is infeasible.</summary>
    [Theory]
    [InlineData(9.0, false)]
    [InlineData(15.0, false)]
    [InlineData(5.0, true)]
    [InlineData(15.0, true)]
    public void Schedule_IsInfeasible_WhenHardTargetOutOfReach(double target, bool bidirectional)
    {
        var problem = ChargingStationInTwoHours(socAtStart: 10, socMax: 20, target, bidirectional);

        var schedule = StorageScheduler.Schedule(problem);

        Assert.Equal(SolverStatus.Infeasible, schedule.Status);
        Assert.Empty(schedule.Devices);
        Assert.Null(ReferenceOptimum.Objective(problem));
    }

    /// <summary>test_infeasible_problem_error: a hard target above soc-max is refused with a message naming the device.</summary>
    [Fact]
    public void Schedule_IsInfeasibleWithMessage_WhenHardTargetAboveSocMax()
    {
        var grid = Day(2, Hour);
        var battery = Battery(grid.StepCount, 2.5, 0.5, 4.5) with { SocTargets = At(grid.StepCount, (15, 8.0)) };
        var problem = new StorageProblem(grid, [battery], new SiteContext(Day2Prices, PowerCapacityMw: Constant(grid.StepCount, 2)));

        var schedule = StorageScheduler.Schedule(problem);

        Assert.Equal(SolverStatus.Infeasible, schedule.Status);
        Assert.Contains("battery", schedule.Message, StringComparison.Ordinal);
    }

    /// <summary>test_unreachable_soc_target_is_relaxed_by_default: with relaxation the battery gets as close as soc-max allows, and says so.</summary>
    [Fact]
    public void Schedule_ChargesToSocMaxAndReportsShortage_WhenTargetAboveSocMaxAndRelaxed()
    {
        var grid = Day(2, Hour);
        var battery = Battery(grid.StepCount, 2.5, 0.5, 4.5) with { SocTargets = At(grid.StepCount, (15, 8.0)) };
        var problem = new StorageProblem(grid, [battery], new SiteContext(Day2Prices, PowerCapacityMw: Constant(grid.StepCount, 2), Breach: Relaxed(grid.StepCount)));

        var schedule = StorageScheduler.Schedule(problem);

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var soc = schedule.Devices[0].SocMwh!;
        Assert.True(soc.Max() <= 4.5 + 1e-9);
        Assert.Equal(4.5, soc[16], 6);
        var breach = Assert.Single(schedule.Breaches);
        Assert.Equal(BreachKind.SocTargetShortage, breach.Kind);
        Assert.Equal("battery", breach.Device);
        Assert.Equal(3.5, breach.PerStep[15], 6);
        Assert.Equal(3.5, breach.Largest, 6);
        // 1000 EUR/kWh on the shortage, once as the largest (per MW·step, so ÷ 1 h) and once per step.
        Assert.Equal(2 * 3.5 * BreachPrices.DefaultSocBreachPrice, breach.Cost, 3);
    }

    /// <summary>test_soc_bounds_timeseries: minima, maxima and a target in time change the schedule and are met.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Schedule_MeetsSocMinimaMaximaAndTarget_WhenGivenAsTimeSeries(bool relaxed)
    {
        var grid = Day(2, Hour);
        var n = grid.StepCount;
        var site = new SiteContext(Day2Prices, PowerCapacityMw: Constant(n, 2), Breach: relaxed ? Relaxed(n) : null);
        var plain = Battery(n, 2.5, 0.5, 4.5);
        var bounded = plain with
        {
            SocMaxima = At(n, (11, 1.0), (12, 1.0)),
            SocMinima = At(n, (7, 3.5)),
            SocTargets = At(n, (18, 2.0)),
        };

        var first = Solve(new StorageProblem(grid, [plain], site), relaxed).Devices[0].SocMwh!;
        var second = Solve(new StorageProblem(grid, [bounded], site), relaxed).Devices[0].SocMwh!;

        Assert.NotEqual(first, second);
        Assert.Equal(0.5, first.Min(), 6);
        Assert.Equal(0.5, second.Min(), 6);
        Assert.Equal(4.5, first.Max(), 6);
        Assert.Equal(4.5, second.Max(), 6);
        Assert.True(second[8] >= 3.5 - 1e-9);
        Assert.True(second[13] <= 1.0 + 1e-9);
        Assert.Equal(2.0, second[19], 6);
    }

    /// <summary>test_battery_stock_delta_sensor, no usage: an empty battery that cannot discharge charges only in the free hour.</summary>
    [Fact]
    public void Schedule_ChargesOnlyInFreeHour_WhenNoUsageAndPreferringFullStorage()
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var battery = new StorageDevice("battery", Constant(n, 2), ProductionCapacityMw: Constant(n, 0), SocAtStart: 0, SocMax: 2);
        var prices = PerStep(Day1ConsumptionPrices, 4);
        var problem = new StorageProblem(grid, [battery], new SiteContext(prices, PowerCapacityMw: Constant(n, 2)));

        var power = StorageAssert.SolvedAndOptimal(problem).Devices[0].PowerMw;

        for (var j = 0; j < n; j++)
        {
            Assert.Equal(prices[j] == 0 ? 2 : 0, power[j], 9);
        }
    }

    /// <summary>test_battery_stock_delta_sensor with usage: a usage as large as the capacity makes the battery charge all day; a larger one is infeasible.</summary>
    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2.5, false)]
    public void Schedule_FollowsUsage_WhenSocUsageGiven(double usageMw, bool feasible)
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var battery = new StorageDevice("battery", Constant(n, 2), ProductionCapacityMw: Constant(n, 0), SocAtStart: 0, SocMax: 2, SocUsageMw: Constant(n, usageMw));
        var problem = new StorageProblem(grid, [battery], new SiteContext(PerStep(Day1ConsumptionPrices, 4), PowerCapacityMw: Constant(n, 2)));

        if (!feasible)
        {
            Assert.Equal(SolverStatus.Infeasible, StorageScheduler.Schedule(problem).Status);
            return;
        }

        Assert.All(StorageAssert.SolvedAndOptimal(problem).Devices[0].PowerMw, p => Assert.Equal(2, p, 9));
    }

    /// <summary>test_battery_stock_delta_quantity: a constant gain is stored and sold; gains and usages net out.</summary>
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.1, 0.0)]
    [InlineData(0.0, 0.1)]
    public void Schedule_AccountsForGainAndUsage_WhenGivenAsConstants(double gainMw, double usageMw)
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var battery = new StorageDevice("battery", Constant(n, 2), SocAtStart: 1, SocMax: 2, SocGainMw: Constant(n, gainMw), SocUsageMw: Constant(n, usageMw));
        var problem = new StorageProblem(grid, [battery], new SiteContext(PerStep(Day1ConsumptionPrices, 4), PowerCapacityMw: Constant(n, 2)));

        var result = StorageAssert.SolvedAndOptimal(problem).Devices[0];

        var expected = 1 + result.PowerMw.Sum(p => p * 0.25) + ((gainMw - usageMw) * 24);
        Assert.Equal(expected, result.SocMwh![n], 6);
    }

    /// <summary>test_building_solver_day_2: a battery in a building with PV and load; both tariffs lead to discharge, charge, discharge.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Schedule_DischargesChargesDischarges_WhenBuildingWithPvOnDay2(bool fixedContract)
    {
        var grid = Day(2, Quarter);
        var n = grid.StepCount;
        var site = fixedContract
            ? new SiteContext(Constant(n, 300 * 1.21), Constant(n, 300), PowerCapacityMw: Constant(n, 2))
            : new SiteContext(PerStep(Day2Prices, 4), PowerCapacityMw: Constant(n, 2));
        var problem = new StorageProblem(grid, [Battery(n, 2.5, 0.5, 4.5)], site, BuildingInflexibleDevices(n));

        var schedule = StorageAssert.SolvedAndOptimal(problem);

        var soc = schedule.Devices[0].SocMwh!;
        Assert.Equal(0.5, soc[8 * 4], 6);
        Assert.Equal(4.5, soc[16 * 4], 6);
        Assert.Equal(0.5, soc[n], 6);
    }

    /// <summary>The building fixture's inflexible devices: PV at 1.8 MW from 8 to 16 h, and 1 MW of load all day.</summary>
    internal static InflexibleDevice[] BuildingInflexibleDevices(int n) =>
    [
        new("PV", Enumerable.Range(0, n).Select(j => j >= n / 3 && j < 2 * n / 3 ? -1.8 : 0).ToArray()),
        new("residual demand", Constant(n, 1)),
    ];

    /// <summary>FlexMeasures' test charging stations (2 MW, one- or two-way) with a SoC target 2 hours into day 2.</summary>
    private static StorageProblem ChargingStationInTwoHours(double socAtStart, double socMax, double target, bool bidirectional)
    {
        var grid = Day(2, Quarter);
        var n = grid.StepCount;
        var station = new StorageDevice(
            "charging station",
            Constant(n, 2),
            ProductionCapacityMw: bidirectional ? null : Constant(n, 0),
            SocAtStart: socAtStart,
            SocMax: socMax,
            SocTargets: At(n, (7, target)));
        return new StorageProblem(grid, [station], new SiteContext(PerStep(Day2Prices, 4), PowerCapacityMw: Constant(n, 2)));
    }

    private static StorageSchedule Solve(StorageProblem problem, bool relaxed) =>
        relaxed ? StorageScheduler.Schedule(problem) : StorageAssert.SolvedAndOptimal(problem);
}

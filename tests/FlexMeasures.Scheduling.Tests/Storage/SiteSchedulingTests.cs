using FlexMeasures.Scheduling.Storage;
using static FlexMeasures.Scheduling.Tests.FlexMeasuresTestData;
using static FlexMeasures.Scheduling.Tests.Storage.Problems;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>
/// FlexMeasures' cases on soft constraints, peaks and several devices (test_storage.py, and the
/// device_scheduler cases of test_solver.py expressed as flex-model and flex-context), with its costs.
/// </summary>
public sealed class SiteSchedulingTests
{
    /// <summary>test_battery_solver_multi_commitment: a 1 kW site limit must be breached to reach the SoC minimum; the breach is flattened.</summary>
    [Fact]
    public void Schedule_ChargesFlatAndPricesBreachAndPeak_WhenSiteCapacityMustBeBreached()
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var battery = new StorageDevice("battery", Constant(n, 1), SocAtStart: 0.4, SocMax: 1, SocMinima: At(n, (n - 1, 1.0)), PreferChargingSooner: false);
        var site = new SiteContext(
            Constant(n, 100),
            Constant(n, 90),
            PowerCapacityMw: Constant(n, 2),
            ConsumptionCapacityMw: Constant(n, 0.001),
            PeakConsumptionMw: Constant(n, 0.02),
            PeakConsumptionPrice: Constant(n, 260),
            PeakProductionMw: Constant(n, 0.02),
            PeakProductionPrice: Constant(n, 260),
            Breach: new BreachPrices(SiteConsumption: Constant(n, 1_000_000), SiteProduction: Constant(n, 1_000_000), SocMinima: Constant(n, 6_000_000), SocMaxima: Constant(n, BreachPrices.DefaultSocBreachPrice)));

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        StorageAssert.WithinLimits(new StorageProblem(grid, [battery], site), schedule);
        Assert.All(schedule.Devices[0].PowerMw, p => Assert.Equal((1 - 0.4) / 24, p, 6));
        Assert.Equal(100 * (1 - 0.4), schedule.EnergyCost, 6);
        Assert.Equal(260.0 / 1000 * (25 - 20), schedule.PeakCost, 6);
        var breach = Assert.Single(schedule.Breaches);
        Assert.Equal(BreachKind.SiteConsumptionCapacity, breach.Kind);
        Assert.Null(breach.Device);
        Assert.Equal(0.024, breach.Largest, 6);
        // 1000 EUR/kW on the largest breach of 24 kW, plus 1000 EUR/kWh on each hour's 24 kW.
        Assert.Equal((1000 * (25 - 1)) + (1000 * (25 - 1) * 96 / 4), breach.Cost, 3);
        Assert.Equal(breach.Cost, schedule.BreachCost, 6);
        Assert.Equal(schedule.EnergyCost + schedule.PeakCost + schedule.BreachCost, schedule.Objective, 3);
    }

    /// <summary>test_battery_relaxation: resolving SoC shortages goes before device capacity breaches.</summary>
    [Fact]
    public void Schedule_BreachesDeviceCapacityToReduceSocShortage_WhenBothAreSoft()
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var consumptionPrice = Constant(n, 100);
        for (var j = 64; j < 68; j++)
        {
            consumptionPrice[j] = 0;
        }

        for (var j = 68; j <= 72; j++)
        {
            consumptionPrice[j] = 1000;
        }

        var capacity = Constant(n, 0.025);
        for (var j = 48; j <= 72; j++)
        {
            capacity[j] = 0;
        }

        var minima = Nulls(n);
        for (var j = 47; j <= 71; j++)
        {
            minima[j] = 0.8;
        }

        var battery = new StorageDevice(
            "battery", Constant(n, 0.025), capacity, capacity, SocAtStart: 0.4, SocMax: 1, SocMinima: minima, PreferChargingSooner: false);
        var site = new SiteContext(
            consumptionPrice,
            consumptionPrice.Select(price => price - 10).ToArray(),
            PowerCapacityMw: Constant(n, 2),
            PeakConsumptionMw: Constant(n, 0.02),
            PeakConsumptionPrice: Constant(n, 260),
            PeakProductionMw: Constant(n, 0.02),
            PeakProductionPrice: Constant(n, 260),
            Breach: BreachPrices.FromRelaxFlags(n, true, true, false) with
            {
                SiteConsumption = Constant(n, 1_000_000),
                SiteProduction = Constant(n, 1_000_000),
                DeviceConsumption = Constant(n, 100_000),
                DeviceProduction = Constant(n, 100_000),
            });

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var power = schedule.Devices[0].PowerMw;
        Assert.All(power.Take(64), p => Assert.Equal(0.025, p, 6));
        Assert.All(power.Skip(64).Take(8), p => Assert.Equal(0, p, 6));
        var breach = Assert.Single(schedule.Breaches, b => b.Kind == BreachKind.DeviceConsumptionCapacity);
        // 100 EUR/kW × 25 kW once, plus 100 EUR/kWh × 25 kW × 4 hours.
        Assert.Equal((100 * 0.025 * 1000) + (100 * 0.025 * 1000 * 4), breach.Cost, 3);
        Assert.Contains(schedule.Breaches, b => b.Kind == BreachKind.SocMinimum);
    }

    /// <summary>test_unresolved_targets_soc_minima / _soc_targets: an unreachable SoC is reported with its shortage (260 kWh).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Schedule_ReportsShortage_WhenSocMinimumOrTargetUnreachable(bool asTarget)
    {
        var grid = Day(1, Quarter);
        var n = grid.StepCount;
        var at = At(n, (n - 1, 0.9));
        var battery = new StorageDevice(
            "battery", Constant(n, 0.01), SocAtStart: 0.4, SocMax: 1,
            SocMinima: asTarget ? null : at, SocTargets: asTarget ? at : null, PreferChargingSooner: false);
        var breach = BreachPrices.FromRelaxFlags(n, true, true, false) with { SocMinima = Constant(n, asTarget ? BreachPrices.DefaultSocBreachPrice : 1000) };
        var site = new SiteContext(Constant(n, 100), Constant(n, 100), PowerCapacityMw: Constant(n, 2), Breach: breach);

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var reported = Assert.Single(schedule.Breaches);
        Assert.Equal(asTarget ? BreachKind.SocTargetShortage : BreachKind.SocMinimum, reported.Kind);
        Assert.Equal(0.26, reported.PerStep[n - 1], 6);
        Assert.Equal(0.64, schedule.Devices[0].SocMwh![n], 6);
    }

    /// <summary>test_unavoidable_capacity_breach (cases 1 and 3): free energy is taken up to the site limit, and a needed breach is kept as small and as rare as possible.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Schedule_BreachesOnlyWhereUnavoidable_WhenSiteConsumptionCapacitySoft(bool withTarget)
    {
        var grid = new TimeGrid(new DateTime(2019, 12, 31, 23, 0, 0, DateTimeKind.Utc), Hour, 24);
        var slope = Enumerable.Range(0, 24).Select(j => j / 23.0).ToArray();
        slope[10] = -100;
        var battery = new StorageDevice(
            "battery", Constant(24, 1), SocAtStart: 0.4, SocMax: 1, SocTargets: withTarget ? At(24, (0, 0.6)) : null, PreferChargingSooner: false);
        var site = new SiteContext(
            slope.Select(s => 100 + s).ToArray(),
            slope.Select(s => 90 + s).ToArray(),
            ConsumptionCapacityMw: Constant(24, 0.1),
            Breach: new BreachPrices(SiteConsumption: Constant(24, 1000)));

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var power = schedule.Devices[0].PowerMw;
        Assert.Equal(-0.4, power.Sum(), 6);
        Assert.Equal(0.1, power[10], 6);
        Assert.All(power.Skip(withTarget ? 1 : 0).Take(withTarget ? 9 : 10), p => Assert.Equal(0, p, 6));
        Assert.All(power.Skip(11).Take(12), p => Assert.Equal(0, p, 6));
        if (withTarget)
        {
            Assert.Equal(0.2, power[0], 6);
            Assert.Single(power, p => Math.Abs(p - 0.2) < 1e-6);
            Assert.Equal(0.1, Assert.Single(schedule.Breaches).Largest, 6);
        }
        else
        {
            Assert.Equal(-0.5, power[23], 6);
            Assert.Empty(schedule.Breaches);
        }
    }

    /// <summary>
    /// test_multiple_commitments_per_group: draining a battery against rising prices; then with a production limit
    /// (discharge as late as possible); then with peak prices (discharge at a constant rate). Costs as asserted there.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedule_DrainsAsFlexMeasuresDoes_WhenCommitmentsAdded(int commitments)
    {
        var grid = new TimeGrid(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hour, 24);
        var production = Enumerable.Range(0, 24).Select(j => 90 + (j / 23.0)).ToArray();
        var battery = new StorageDevice("battery", Constant(24, 1), SocAtStart: 0.4, SocMax: 1, PreferChargingSooner: false);
        var site = new SiteContext(
            production.Select(price => price + 10).ToArray(),
            production,
            ProductionCapacityMw: commitments >= 2 ? Constant(24, 0.1) : null,
            PeakConsumptionPrice: commitments >= 3 ? Constant(24, 80) : null,
            PeakProductionPrice: commitments >= 3 ? Constant(24, 80) : null,
            Breach: commitments >= 2 ? new BreachPrices(SiteProduction: Constant(24, 1000)) : null);

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var power = schedule.Devices[0].PowerMw;
        Assert.Equal(-0.4, power.Sum(), 6);
        switch (commitments)
        {
            case 1:
                Assert.Equal(-0.4, power[23], 6);
                Assert.Equal(-36.4, schedule.Objective, 6);
                break;
            case 2:
                Assert.All(power.Skip(20), p => Assert.Equal(-0.1, p, 6));
                Assert.Equal(production.Skip(20).Sum(price => price * -0.1), schedule.Objective, 6);
                break;
            default:
                Assert.All(power, p => Assert.Equal(-0.4 / 24, p, 6));
                var expected = production.Sum(price => price * -0.4 / 24) + (80 * 0.4 / 24);
                Assert.Equal(expected, schedule.Objective, 6);
                Assert.Equal(80 * 0.4 / 24, schedule.PeakCost, 6);
                break;
        }
    }

    /// <summary>
    /// test_multiple_devices_simultaneous_scheduler: two EV chargers share a 1 MW site and each takes a cheap hour
    /// before its deadline; with 0.25 MW the site runs full until the last deadline and the unmet demand is priced.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Schedule_SharesSiteCapacity_WhenTwoChargersHaveDeadlines(double capacityMw)
    {
        double[] prices =
        [
            0.8598, 1.4613, 2430.3887, 3000.1779, 18.6619, 369.3274, 169.8719, 174.2279, 174.2279, 174.2279, 175.4258, 1.5697,
            174.2763, 174.2279, 175.2564, 202.6992, 218.4413, 229.9242, 295.1069, 240.7174, 249.2479, 238.2732, 229.8395, 216.5779,
        ];
        var grid = new TimeGrid(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hour, 24);
        var power = Constant(24, capacityMw);
        power[0] = 0;
        StorageDevice Charger(string name, int deadline) => new(
            name, power, ProductionCapacityMw: Constant(24, 0), SocAtStart: 0, SocMax: 1, SocTargets: At(24, (deadline, 1.0)), PreferChargingSooner: false);
        // FlexMeasures prices the shortfall at 10000 per MWh; here half of it on the largest and half on each step's.
        var site = new SiteContext(prices, ConsumptionCapacityMw: Constant(24, capacityMw), ProductionCapacityMw: Constant(24, 0), Breach: new BreachPrices(SocMinima: Constant(24, 5000), SocMaxima: Constant(24, 5000)));

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [Charger("ev 1", 6), Charger("ev 2", 3)], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var first = schedule.Devices[0].PowerMw;
        var second = schedule.Devices[1].PowerMw;
        if (capacityMw == 1.0)
        {
            Assert.Equal([0, 0, 0, 0, 1, .. Constant(19, 0)], first.Select(p => Math.Round(p, 6)).ToArray());
            Assert.Equal([0, 1, .. Constant(22, 0)], second.Select(p => Math.Round(p, 6)).ToArray());
            Assert.Equal(18.66, first.Select((p, j) => p * prices[j]).Sum(), 2);
            Assert.Equal(1.46, second.Select((p, j) => p * prices[j]).Sum(), 2);
            Assert.Empty(schedule.Breaches);
        }
        else
        {
            double[] aggregate = [0, .. Constant(6, 0.25), .. Constant(17, 0)];
            Assert.Equal(aggregate, first.Zip(second, (a, b) => Math.Round(a + b, 6)).ToArray());
            var energy = aggregate.Select((p, j) => p * prices[j]).Sum();
            Assert.Equal(energy + (0.5 * 10000), schedule.Objective, 3);
            Assert.Equal(0.5, schedule.Breaches.Where(b => b.Kind == BreachKind.SocTargetShortage).Sum(b => b.Largest), 6);
        }
    }

    /// <summary>Curtailable PV: produced only where production pays, and the same optimum whether it is given as a curtailable inflexible device or as a flexible device without storage.</summary>
    [Fact]
    public void Schedule_CurtailsPvWhereProductionCosts_WhenPvCurtailable()
    {
        var grid = Day(3, Hour);
        var n = grid.StepCount;
        var forecast = Constant(n, -1);
        var battery = Battery(n, socAtStart: 0.5, socMin: 0, socMax: 1, capacityMw: 0.5);
        var site = new SiteContext(Day3ConsumptionPrices, Day3ProductionPrices, PowerCapacityMw: Constant(n, 2), ProductionCapacityMw: Constant(n, 0.6));
        var asInflexible = new StorageProblem(grid, [battery], site, [new InflexibleDevice("pv", forecast, Curtailable: true)]);
        var pvAsDevice = new StorageDevice("pv", Constant(n, 1), ConsumptionCapacityMw: Constant(n, 0), ProductionCapacityMw: Constant(n, 1));
        var asFlexible = new StorageProblem(grid, [battery, pvAsDevice], site);

        var curtailed = StorageAssert.SolvedAndOptimal(asInflexible);
        var flexible = StorageAssert.SolvedAndOptimal(asFlexible);

        var pv = curtailed.Devices[1].PowerMw;
        Assert.Equal("pv", curtailed.Devices[1].Name);
        Assert.All(pv.Take(8), p => Assert.Equal(0, p, 9));
        Assert.All(pv, p => Assert.InRange(p, -1 - 1e-9, 1e-9));
        // Production pays from hour 8 on, so the site produces up to its 0.6 MW limit (PV curtailed to fit).
        Assert.All(curtailed.SiteNetPowerMw.Skip(8), p => Assert.Equal(-0.6, p, 6));
        Assert.Equal(flexible.Objective, curtailed.Objective, 6);
        Assert.True(curtailed.EnergyCost < curtailed.EnergyCostOfDoingNothing, "curtailing should beat producing at negative prices");
    }

    /// <summary>prefer-charging-sooner: at flat prices the battery fills up at once; without the preference the cost is the same.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Schedule_ChargesFirstHours_WhenPreferringChargingSoonerAtFlatPrices(bool curtailLater)
    {
        var grid = Day(2, Hour);
        var battery = new StorageDevice("battery", Constant(24, 1), SocAtStart: 0, SocMax: 2, SocTargets: At(24, (23, 2.0)), PreferCurtailingLater: curtailLater);
        var site = new SiteContext(Constant(24, 50), PowerCapacityMw: Constant(24, 2));

        var preferred = StorageAssert.SolvedAndOptimal(new StorageProblem(grid, [battery], site));
        var indifferent = StorageAssert.SolvedAndOptimal(new StorageProblem(grid, [battery with { PreferChargingSooner = false }], site));

        Assert.Equal([1, 1, .. Constant(22, 0)], preferred.Devices[0].PowerMw.Select(p => Math.Round(p, 9)).ToArray());
        Assert.Equal(100, preferred.EnergyCost, 9);
        Assert.Equal(indifferent.EnergyCost, preferred.EnergyCost, 9);
    }

    /// <summary>
    /// A site breach price that changes over the horizon is used per step, as FlexMeasures uses its breach price
    /// series: an unavoidable breach moves to the half of the day where breaching is cheap, and is priced there.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Schedule_BreachesWhereTheBreachPriceIsLow_WhenTheBreachPriceVariesPerStep(bool cheapFirst)
    {
        var grid = new TimeGrid(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hour, 24);
        var breachPrice = Enumerable.Range(0, 24).Select(j => (j < 12) == cheapFirst ? 100.0 : 1000.0).ToArray();
        var battery = new StorageDevice("battery", Constant(24, 1), SocAtStart: 0, SocMax: 2, SocTargets: At(24, (23, 1.0)), PreferChargingSooner: false);
        var site = new SiteContext(Constant(24, 50), ConsumptionCapacityMw: Constant(24, 0.02), Breach: new BreachPrices(SiteConsumption: breachPrice));

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var power = schedule.Devices[0].PowerMw;
        var cheap = Enumerable.Range(0, 24).Where(j => breachPrice[j] == 100).ToArray();
        var dear = Enumerable.Range(0, 24).Where(j => breachPrice[j] == 1000).ToArray();
        // 0.24 MWh fit under the limit in the dear half; the other 0.76 MWh come in the cheap half, spread flat.
        Assert.All(dear, j => Assert.Equal(0.02, power[j], 6));
        Assert.All(cheap, j => Assert.Equal(0.76 / 12, power[j], 6));
        var breach = Assert.Single(schedule.Breaches);
        Assert.Equal(BreachKind.SiteConsumptionCapacity, breach.Kind);
        Assert.Equal((0.76 / 12) - 0.02, breach.Largest, 6);
        // 100 EUR/MW on the largest breach of the cheap run, plus 100 EUR/MWh on each cheap hour's breach; the dear run is not breached.
        Assert.Equal((100 * ((0.76 / 12) - 0.02)) + (100 * (0.76 - 0.24)), breach.Cost, 6);
        Assert.Equal(50 * 1.0, schedule.EnergyCost, 6);
    }

    /// <summary>A peak price that changes over the horizon is used per step: the charge moves to the hours where peaks are cheap, flattened there.</summary>
    [Fact]
    public void Schedule_PeaksWhereThePeakPriceIsLow_WhenThePeakPriceVariesPerStep()
    {
        var grid = new TimeGrid(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hour, 24);
        var peakPrice = Enumerable.Range(0, 24).Select(j => j < 12 ? 500.0 : 10.0).ToArray();
        var battery = new StorageDevice("battery", Constant(24, 1), SocAtStart: 0, SocMax: 2, SocTargets: At(24, (23, 1.0)), PreferChargingSooner: false);
        var site = new SiteContext(Constant(24, 50), PeakConsumptionPrice: peakPrice);

        var schedule = StorageScheduler.Schedule(new StorageProblem(grid, [battery], site));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        var power = schedule.Devices[0].PowerMw;
        Assert.All(power.Take(12), p => Assert.Equal(0, p, 6));
        Assert.All(power.Skip(12), p => Assert.Equal(1.0 / 12, p, 6));
        Assert.Equal(10.0 / 12, schedule.PeakCost, 6);
    }
}

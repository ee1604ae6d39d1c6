using System.Diagnostics;
using System.Globalization;
using FlexMeasures.Scheduling;
using FlexMeasures.Scheduling.Storage;
using FlexMeasures.Scheduling.Tests;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// Solve times of the storage scheduler alone (no database): a 2-day 15-minute battery, 50 EV chargers of one
/// site over a day, and a table of devices × horizon. The prices are FlexMeasures' planning test prices
/// (<see cref="FlexMeasuresTestData"/>); the devices are synthetic but fixed (seeded), so runs compare.
/// </summary>
internal static class SchedulingBenchmark
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static int Run(int runs, int[] deviceCounts, int[] days)
    {
        var battery = Battery(2 * 96);
        Report("battery, 2 days of 15 min", runs, battery);
        Report("50 EV chargers, 1 day of 15 min", runs, Chargers(50, 96));

        Console.WriteLine();
        Console.WriteLine("| devices | " + string.Join(" | ", days.Select(d => $"{d} day{(d == 1 ? "" : "s")}")) + " |");
        Console.WriteLine("|---:|" + string.Concat(days.Select(_ => "---:|")));
        foreach (var count in deviceCounts)
        {
            var cells = days.Select(d => Format(Median(runs, Chargers(count, d * 96))));
            Console.WriteLine($"| {count} | " + string.Join(" | ", cells) + " |");
        }

        return 0;
    }

    /// <summary>
    /// For scripts/bench-schedule.sh: FlexMeasures' hourly test prices of its first two planning days, taken in turn for
    /// <paramref name="days"/> days from 2025-01-01 (UTC), as a belief CSV, so the end-to-end benchmark schedules on the
    /// same prices as this one.
    /// </summary>
    internal static async Task<int> WritePricesAsync(string file, int days)
    {
        double[][] pattern = [FlexMeasuresTestData.Day1ConsumptionPrices, FlexMeasuresTestData.Day2Prices];
        var hourly = Enumerable.Range(0, days).SelectMany(day => pattern[day % pattern.Length]).ToArray();
        var rows = hourly.Select((price, h) => string.Create(CultureInfo.InvariantCulture, $"{new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(h):yyyy-MM-ddTHH:mm:ss}+00:00,{price}"));
        await File.WriteAllLinesAsync(file, ["datetime,value", .. rows]);
        return 0;
    }

    private static void Report(string name, int runs, StorageProblem problem)
    {
        var median = Median(runs, problem);
        Console.WriteLine($"{name}: median {Format(median)} over {runs} runs");
    }

    private static TimeSpan Median(int runs, StorageProblem problem)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var schedule = StorageScheduler.Schedule(problem);
            clock.Stop();
            if (schedule.Status != SolverStatus.Optimal)
            {
                throw new InvalidOperationException($"benchmark problem not solved: {schedule.Status} {schedule.Message}");
            }

            times.Add(clock.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string Format(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>
    /// FlexMeasures' own planning test prices (its add_market_prices fixture, EUR/MWh): the hourly consumption prices
    /// of 1, 2 and 3 January 2015 at 15 minutes, repeated for longer horizons. Day 1 is irregular, day 2 nearly flat
    /// (many equally good schedules), day 3 negative at night.
    /// </summary>
    private static double[] Prices(int steps)
    {
        double[] days = [.. FlexMeasuresTestData.PerStep([.. FlexMeasuresTestData.Day1ConsumptionPrices, .. FlexMeasuresTestData.Day2Prices, .. FlexMeasuresTestData.Day3ConsumptionPrices], 4)];
        return [.. Enumerable.Range(0, steps).Select(j => days[j % days.Length])];
    }

    private static double[] Constant(int steps, double value) => Enumerable.Repeat(value, steps).ToArray();

    private static StorageProblem Battery(int steps)
    {
        var device = new StorageDevice(
            "battery",
            Constant(steps, 2),
            SocAtStart: 2.5,
            SocMin: 0.5,
            SocMax: 4.5,
            ChargingEfficiency: Constant(steps, Math.Sqrt(0.9)),
            DischargingEfficiency: Constant(steps, Math.Sqrt(0.9)));
        var site = new SiteContext(Prices(steps), PowerCapacityMw: Constant(steps, 2), Breach: BreachPrices.FromRelaxFlags(steps, true, true, false));
        return new StorageProblem(new TimeGrid(Start, Quarter, steps), [device], site);
    }

    /// <summary>
    /// One-way 11 kW chargers of one site, each car arriving and leaving once a day (staggered) with a target at
    /// departure, a 0.2 MW site connection, and the site's own load; SoC and site limits soft as by default.
    /// </summary>
    private static StorageProblem Chargers(int count, int steps)
    {
        var random = new Random(7);
        var devices = new List<StorageDevice>();
        for (var i = 0; i < count; i++)
        {
            var arrival = random.Next(0, 40);
            var stay = random.Next(24, 48);
            var capacity = new double[steps];
            var targets = new double?[steps];
            for (var j = 0; j < steps; j++)
            {
                var inDay = j % 96;
                capacity[j] = inDay >= arrival && inDay < arrival + stay ? 0.011 : 0;
                if (inDay == arrival + stay - 1)
                {
                    targets[j] = 0.05;
                }
            }

            devices.Add(new StorageDevice(
                $"ev {i}",
                capacity,
                ProductionCapacityMw: Constant(steps, 0),
                SocAtStart: 0.01,
                SocMax: 0.06,
                SocTargets: targets,
                SocUsageMw: Enumerable.Range(0, steps).Select(j => capacity[j] == 0 && j % 96 >= arrival ? 0.001 : 0).ToArray(),
                ChargingEfficiency: Constant(steps, 0.95)));
        }

        var site = new SiteContext(
            Prices(steps),
            PowerCapacityMw: Constant(steps, 0.2 + (count * 0.011)),
            ConsumptionCapacityMw: Constant(steps, 0.2),
            Breach: BreachPrices.FromRelaxFlags(steps, true, true, false));
        var load = new InflexibleDevice("building", Enumerable.Range(0, steps).Select(j => 0.05 + (0.03 * Math.Sin(2 * Math.PI * j / 96))).ToArray());
        return new StorageProblem(new TimeGrid(Start, Quarter, steps), devices, site, [load]);
    }
}

using FlexMeasures.Scheduling.Processes;
using static FlexMeasures.Scheduling.Tests.FlexMeasuresTestData;

namespace FlexMeasures.Scheduling.Tests.Processes;

/// <summary>FlexMeasures' test_process.py: a 4 kW process of 4 hours on day 2's prices (100, then 90 from 8 to 16 h, then 100).</summary>
public sealed class ProcessSchedulerTests
{
    private static readonly TimeGrid Day2Hourly = new(AmsterdamMidnight(2), TimeSpan.FromHours(1), 24);

    /// <summary>test_process_scheduler: inflexible starts at once, shiftable at the first of the cheapest blocks.</summary>
    [Theory]
    [InlineData(ProcessType.Inflexible, 0)]
    [InlineData(ProcessType.Shiftable, 8)]
    public void Schedule_RunsOneBlockAtExpectedStart_WhenNoRestrictions(ProcessType type, int start)
    {
        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 0.004, 4, type, Day2Prices));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        Assert.Equal(Block(start, 4), schedule.PowerMw);
        Assert.Equal(Day2Prices.Skip(start).Take(4).Sum() * 0.004, schedule.Cost, 9);
        if (type == ProcessType.Shiftable)
        {
            Assert.Equal(BestBlock(Day2Prices, 4, new bool[24], OptimizationSense.Minimize) * 0.004, schedule.Cost, 9);
        }
    }

    /// <summary>test_duration_exceeds_planning_window: a process longer than the window fills it.</summary>
    [Theory]
    [InlineData(ProcessType.Inflexible)]
    [InlineData(ProcessType.Shiftable)]
    [InlineData(ProcessType.Breakable)]
    public void Schedule_FillsWindow_WhenDurationExceedsIt(ProcessType type)
    {
        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 0.004, 48, type, Day2Prices));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        Assert.All(schedule.PowerMw, p => Assert.Equal(0.004, p));
    }

    /// <summary>test_process_scheduler_time_restrictions: the shiftable block avoids 8 to 10 h and starts at 10 h.</summary>
    [Fact]
    public void Schedule_AvoidsRestrictedHours_WhenShiftable()
    {
        var restricted = Restricted(8, 9);

        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 0.004, 4, ProcessType.Shiftable, Day2Prices, restricted));

        Assert.Equal(Block(10, 4), schedule.PowerMw);
        Assert.All(Enumerable.Range(0, 24).Where(j => restricted[j]), j => Assert.Equal(0, schedule.PowerMw[j]));
    }

    /// <summary>test_breakable_scheduler_time_restrictions: a breakable process takes the cheap hours between four restrictions.</summary>
    [Fact]
    public void Schedule_TakesCheapHoursBetweenRestrictions_WhenBreakable()
    {
        var restricted = Restricted(9, 11, 13, 15);

        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 4, 4, ProcessType.Breakable, Day2Prices, restricted));

        double[] expected = [.. Repeat(0, 8), 4, 0, 4, 0, 4, 0, 4, 0, .. Repeat(0, 8)];
        Assert.Equal(expected, schedule.PowerMw);
        Assert.Equal(4 * 4 * 90, schedule.Cost, 9);
    }

    /// <summary>test_impossible_schedules: restrictions that leave no room are infeasible, with a message.</summary>
    [Theory]
    [InlineData(ProcessType.Breakable, 0, 24)]
    [InlineData(ProcessType.Inflexible, 3, 21)]
    [InlineData(ProcessType.Shiftable, 3, 21)]
    public void Schedule_IsInfeasible_WhenRestrictionsLeaveNoRoom(ProcessType type, int from, int count)
    {
        var restricted = Restricted(Enumerable.Range(from, count).ToArray());

        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 4, 4, type, Day2Prices, restricted));

        Assert.Equal(SolverStatus.Infeasible, schedule.Status);
        Assert.False(string.IsNullOrEmpty(schedule.Message));
        Assert.Empty(schedule.PowerMw);
    }

    /// <summary>Both senses on day 1's random prices, checked against brute force over every placement.</summary>
    [Theory]
    [InlineData(ProcessType.Shiftable, OptimizationSense.Minimize)]
    [InlineData(ProcessType.Shiftable, OptimizationSense.Maximize)]
    [InlineData(ProcessType.Breakable, OptimizationSense.Minimize)]
    [InlineData(ProcessType.Breakable, OptimizationSense.Maximize)]
    public void Schedule_CostEqualsBruteForce_WhenEitherSense(ProcessType type, OptimizationSense sense)
    {
        var grid = new TimeGrid(AmsterdamMidnight(1), TimeSpan.FromMinutes(15), 96);
        var prices = PerStep(Day1ConsumptionPrices, 4);
        var restricted = Restricted(Enumerable.Range(20, 10).ToArray());
        Array.Resize(ref restricted, 96);

        var schedule = ProcessScheduler.Schedule(new ProcessProblem(grid, 2, 6, type, prices, restricted, sense));

        Assert.Equal(SolverStatus.Optimal, schedule.Status);
        Assert.Equal(6, schedule.PowerMw.Count(p => p == 2));
        var best = type == ProcessType.Shiftable ? BestBlock(prices, 6, restricted, sense) : BestSteps(prices, 6, restricted, sense);
        Assert.Equal(best * 2 * 0.25, schedule.Cost, 9);
        if (type == ProcessType.Shiftable)
        {
            var running = Enumerable.Range(0, 96).Where(j => schedule.PowerMw[j] == 2).ToArray();
            Assert.Equal(Enumerable.Range(running[0], 6), running);
        }
    }

    /// <summary>Ties go to the earliest placement, as in FlexMeasures (idxmin / a stable sort on time).</summary>
    [Fact]
    public void Schedule_TakesEarliestSteps_WhenBreakableAtFlatPrices()
    {
        var schedule = ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 1, 3, ProcessType.Breakable, Repeat(50, 24), Restricted(1)));

        Assert.Equal([1, 0, 1, 1, .. Repeat(0, 20)], schedule.PowerMw);
    }

    [Fact]
    public void Schedule_Throws_WhenPriceListTooShort()
    {
        var exception = Assert.Throws<ArgumentException>(() => ProcessScheduler.Schedule(new ProcessProblem(Day2Hourly, 1, 3, ProcessType.Shiftable, Repeat(50, 23))));

        Assert.Contains("Price", exception.Message, StringComparison.Ordinal);
    }

    private static double[] Block(int start, int length) =>
        Enumerable.Range(0, 24).Select(j => j >= start && j < start + length ? 0.004 : 0).ToArray();

    private static bool[] Restricted(params int[] steps)
    {
        var restricted = new bool[24];
        foreach (var step in steps)
        {
            if (step < restricted.Length)
            {
                restricted[step] = true;
            }
        }

        return restricted;
    }

    /// <summary>Brute force: the best Σ price over every allowed block of <paramref name="length"/> steps.</summary>
    private static double BestBlock(double[] prices, int length, bool[] restricted, OptimizationSense sense)
    {
        var sums = Enumerable.Range(0, prices.Length - length + 1)
            .Where(start => Enumerable.Range(start, length).All(j => !restricted[j]))
            .Select(start => prices.Skip(start).Take(length).Sum())
            .ToArray();
        return sense == OptimizationSense.Minimize ? sums.Min() : sums.Max();
    }

    /// <summary>The best Σ price over any <paramref name="count"/> allowed steps: the cheapest (or dearest) ones.</summary>
    private static double BestSteps(double[] prices, int count, bool[] restricted, OptimizationSense sense)
    {
        var allowed = prices.Where((_, j) => !restricted[j]);
        return (sense == OptimizationSense.Minimize ? allowed.Order() : allowed.OrderDescending()).Take(count).Sum();
    }
}

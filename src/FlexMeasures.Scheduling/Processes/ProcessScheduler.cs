using FlexMeasures.Scheduling.Solving;
using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Processes;

/// <summary>FlexMeasures' ProcessScheduler as a MILP: where to run a process of fixed power and duration.</summary>
/// <remarks>
/// Shiftable and inflexible processes choose one start (a binary per allowed start); a breakable one chooses
/// its steps (a binary per allowed step). Among placements of equal value FlexMeasures takes the earliest, so a
/// second solve keeps the optimum and minimises the start (or the sum of the chosen steps).
/// </remarks>
public static class ProcessScheduler
{
    /// <summary>Places the process. Throws <see cref="ArgumentException"/> for malformed input (list lengths,
    /// non-positive duration); an impossible placement is a result with <see cref="SolverStatus.Infeasible"/>.</summary>
    public static ProcessSchedule Schedule(ProcessProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Validate(problem);
        var n = problem.Grid.StepCount;
        var restricted = problem.Restricted ?? new bool[n];
        using var solver = new MilpSolver();
        if (problem.DurationSteps >= n)
        {
            // The process fills the whole window, as FlexMeasures does when it lasts at least that long.
            return restricted.Any(step => step)
                ? Infeasible(solver, "The process lasts at least the whole window, so it cannot avoid its time restrictions.")
                : Result(problem, solver, Enumerable.Repeat(true, n).ToArray());
        }

        return problem.Type == ProcessType.Breakable
            ? ScheduleBreakable(problem, restricted, solver)
            : ScheduleBlock(problem, restricted, solver);
    }

    private static ProcessSchedule ScheduleBlock(ProcessProblem problem, IReadOnlyList<bool> restricted, MilpSolver solver)
    {
        var n = problem.Grid.StepCount;
        var k = problem.DurationSteps;
        var starts = Enumerable.Range(0, n - k + 1)
            .Where(start => !Enumerable.Range(start, k).Any(step => restricted[step]))
            .ToArray();
        if (starts.Length == 0)
        {
            return Infeasible(solver, $"No block of {k} consecutive steps avoids the time restrictions.");
        }

        var chosen = starts.Select(_ => solver.Binary()).ToArray();
        var one = solver.Row(1, 1);
        foreach (var variable in chosen)
        {
            one.SetCoefficient(variable, 1);
        }

        // An inflexible process ignores prices: it starts as early as it can.
        var value = problem.Type == ProcessType.Inflexible
            ? starts.Select(_ => 0.0).ToArray()
            : starts.Select(start => Enumerable.Range(start, k).Sum(step => problem.Price[step])).ToArray();
        var status = SolveEarliest(solver, chosen, value, starts.Select(start => (double)start).ToArray(), problem.Sense);
        if (status is not (SolverStatus.Optimal or SolverStatus.Feasible))
        {
            return Infeasible(solver, "The solver found no placement.", status);
        }

        var running = new bool[n];
        for (var i = 0; i < starts.Length; i++)
        {
            if (chosen[i].SolutionValue() > 0.5)
            {
                for (var step = starts[i]; step < starts[i] + k; step++)
                {
                    running[step] = true;
                }
            }
        }

        return Result(problem, solver, running);
    }

    private static ProcessSchedule ScheduleBreakable(ProcessProblem problem, IReadOnlyList<bool> restricted, MilpSolver solver)
    {
        var allowed = Enumerable.Range(0, problem.Grid.StepCount).Where(step => !restricted[step]).ToArray();
        if (allowed.Length < problem.DurationSteps)
        {
            return Infeasible(solver, $"Only {allowed.Length} steps are free of time restrictions; the process needs {problem.DurationSteps}.");
        }

        var chosen = allowed.Select(_ => solver.Binary()).ToArray();
        var count = solver.Row(problem.DurationSteps, problem.DurationSteps);
        foreach (var variable in chosen)
        {
            count.SetCoefficient(variable, 1);
        }

        var status = SolveEarliest(
            solver, chosen, allowed.Select(step => problem.Price[step]).ToArray(), allowed.Select(step => (double)step).ToArray(), problem.Sense);
        if (status is not (SolverStatus.Optimal or SolverStatus.Feasible))
        {
            return Infeasible(solver, "The solver found no placement.", status);
        }

        var running = new bool[problem.Grid.StepCount];
        for (var i = 0; i < allowed.Length; i++)
        {
            running[allowed[i]] = chosen[i].SolutionValue() > 0.5;
        }

        return Result(problem, solver, running);
    }

    /// <summary>Best value first; then, keeping that value, the earliest placement.</summary>
    private static SolverStatus SolveEarliest(MilpSolver solver, Variable[] chosen, double[] value, double[] time, OptimizationSense sense)
    {
        var sign = sense == OptimizationSense.Minimize ? 1 : -1;
        for (var i = 0; i < chosen.Length; i++)
        {
            solver.Objective.SetCoefficient(chosen[i], sign * value[i]);
        }

        var status = solver.Solve();
        if (status is not (SolverStatus.Optimal or SolverStatus.Feasible))
        {
            return status;
        }

        var best = solver.Objective.Value();
        var keep = solver.Row(double.NegativeInfinity, best + (1e-9 * (1 + Math.Abs(best))));
        for (var i = 0; i < chosen.Length; i++)
        {
            keep.SetCoefficient(chosen[i], sign * value[i]);
            solver.Objective.SetCoefficient(chosen[i], time[i]);
        }

        return solver.Solve();
    }

    private static ProcessSchedule Result(ProcessProblem problem, MilpSolver solver, bool[] running)
    {
        var power = running.Select(on => on ? problem.PowerMw : 0).ToArray();
        var cost = power.Select((mw, step) => mw * problem.Price[step] * problem.Grid.StepHours).Sum();
        return new ProcessSchedule(SolverStatus.Optimal, power, cost, 0, null, solver.Elapsed);
    }

    private static ProcessSchedule Infeasible(MilpSolver solver, string message, SolverStatus status = SolverStatus.Infeasible) =>
        new(status, [], double.NaN, 0, message, solver.Elapsed);

    private static void Validate(ProcessProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem.Grid);
        ArgumentNullException.ThrowIfNull(problem.Price);
        var n = problem.Grid.StepCount;
        if (n < 1 || problem.Grid.Resolution <= TimeSpan.Zero)
        {
            throw new ArgumentException("Grid needs at least one step of positive length.", nameof(problem));
        }

        if (problem.DurationSteps < 1)
        {
            throw new ArgumentException($"DurationSteps is {problem.DurationSteps}; a process lasts at least one step.", nameof(problem));
        }

        if (!double.IsFinite(problem.PowerMw))
        {
            throw new ArgumentException("PowerMw must be a finite number.", nameof(problem));
        }

        if (problem.Price.Count != n || problem.Price.Any(price => !double.IsFinite(price)))
        {
            throw new ArgumentException($"Price must hold {n} finite values (one per step); it has {problem.Price.Count}.", nameof(problem));
        }

        if (problem.Restricted is { } restricted && restricted.Count != n)
        {
            throw new ArgumentException($"Restricted must hold {n} values (one per step); it has {restricted.Count}.", nameof(problem));
        }
    }
}

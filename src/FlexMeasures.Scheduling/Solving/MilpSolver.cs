using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Solving;

/// <summary>
/// One OR-Tools linear solver on the HiGHS backend, set up the same way for every schedule: one thread,
/// zero MIP gap, tight tolerances (as FlexMeasures sets HiGHS), and no output on stdout.
/// </summary>
internal sealed class MilpSolver : IDisposable
{
    /// <summary>The OR-Tools backend name; HiGHS solves LPs and MILPs.</summary>
    internal const string Backend = "HIGHS";

    private const string HighsSettings =
        "output_flag=false\nlog_to_console=false\nthreads=1\nrandom_seed=0\nmip_rel_gap=0\nmip_abs_gap=0\n"
        + "primal_feasibility_tolerance=1e-9\ndual_feasibility_tolerance=1e-9\nmip_feasibility_tolerance=1e-9";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _solving = new();

    internal MilpSolver(string backend = Backend)
    {
        Solver = Solver.CreateSolver(backend)
            ?? throw new InvalidOperationException($"The OR-Tools '{backend}' backend is not available in this build.");
        Solver.SuppressOutput();
        Solver.SetNumThreads(1);
        // OR-Tools' HiGHS interface ignores MPSolverParameters and SetNumThreads, and answers false here, but it
        // keeps this string and hands it to HiGHS at every solve. HiGHS' own defaults would print a banner on
        // stdout and stop MILPs at a 1e-4 gap; these are FlexMeasures' HiGHS settings, on one thread.
        if (backend == Backend)
        {
            Solver.SetSolverSpecificParametersAsString(HighsSettings);
        }

        Objective = Solver.Objective();
        Objective.SetMinimization();
    }

    internal Solver Solver { get; }

    internal Objective Objective { get; }

    /// <summary>Time since the model was started, for the result's solve time.</summary>
    internal TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Of <see cref="Elapsed"/>, the time spent inside the solver itself (every solve so far).</summary>
    internal TimeSpan SolverElapsed => _solving.Elapsed;

    internal Variable Continuous(double lower, double upper) => Solver.MakeNumVar(lower, upper, string.Empty);

    internal Variable Binary() => Solver.MakeBoolVar(string.Empty);

    /// <summary>A constraint <c>lower ≤ Σ coefficient·variable ≤ upper</c>, coefficients set by the caller.</summary>
    internal Constraint Row(double lower, double upper) => Solver.MakeConstraint(lower, upper, string.Empty);

    internal SolverStatus Solve()
    {
        _solving.Start();
        var status = Solver.Solve();
        _solving.Stop();
        return status switch
        {
            Solver.ResultStatus.OPTIMAL => SolverStatus.Optimal,
            Solver.ResultStatus.FEASIBLE => SolverStatus.Feasible,
            Solver.ResultStatus.INFEASIBLE => SolverStatus.Infeasible,
            Solver.ResultStatus.UNBOUNDED => SolverStatus.Unbounded,
            _ => SolverStatus.Failed,
        };
    }

    public void Dispose() => Solver.Dispose();
}

namespace FlexMeasures.Scheduling.Processes;

/// <summary>FlexMeasures' ProcessScheduler as a MILP: where to run a process of fixed power and duration.</summary>
public static class ProcessScheduler
{
    /// <summary>Places the process. Throws <see cref="ArgumentException"/> for malformed input (list lengths,
    /// non-positive duration); an impossible placement is a result with <see cref="SolverStatus.Infeasible"/>.</summary>
    public static ProcessSchedule Schedule(ProcessProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        throw new NotImplementedException("The process MILP lands in the next commit.");
    }
}

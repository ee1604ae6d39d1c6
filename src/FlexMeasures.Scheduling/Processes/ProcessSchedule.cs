namespace FlexMeasures.Scheduling.Processes;

/// <summary>The process scheduler's answer.</summary>
/// <param name="Status"><see cref="SolverStatus.Infeasible"/> when the restrictions leave no room for the process
/// (then <see cref="PowerMw"/> is empty and <see cref="Message"/> says why).</param>
/// <param name="PowerMw">Per step, MW: <see cref="ProcessProblem.PowerMw"/> where the process runs, 0 elsewhere.</param>
/// <param name="Cost">currency: Σ price × power × step hours over the running steps.</param>
/// <param name="CostOfDoingNothing">currency: always 0 for a process (not running costs nothing); kept for symmetry
/// with <see cref="Storage.StorageSchedule.EnergyCostOfDoingNothing"/>.</param>
/// <param name="Message">Why the problem is infeasible; null otherwise.</param>
/// <param name="SolveTime">Wall-clock time of building and solving the model.</param>
public sealed record ProcessSchedule(
    SolverStatus Status,
    IReadOnlyList<double> PowerMw,
    double Cost,
    double CostOfDoingNothing,
    string? Message,
    TimeSpan SolveTime);

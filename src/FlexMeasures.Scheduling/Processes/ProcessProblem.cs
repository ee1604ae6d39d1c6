namespace FlexMeasures.Scheduling.Processes;

/// <summary>
/// A process to place on the grid: it runs at <see cref="PowerMw"/> for <see cref="DurationSteps"/> steps.
/// </summary>
/// <param name="Grid">The steps to plan.</param>
/// <param name="PowerMw">MW while running; positive = consumption (the usual case), negative = production.</param>
/// <param name="DurationSteps">How many steps the process runs: the caller rounds the duration UP to whole steps
/// (as FlexMeasures does). When it is at least <see cref="TimeGrid.StepCount"/> the process fills the whole
/// window (and no time restriction is allowed).</param>
/// <param name="Type">Inflexible, shiftable or breakable.</param>
/// <param name="Price">Per step, currency/MWh: the consumption price (or utility) the sense applies to.</param>
/// <param name="Restricted">Per step, true = the process may not run in that step
/// (<c>time-restrictions</c>); null = no restrictions.</param>
/// <param name="Sense">Minimise or maximise Σ price × power over the running steps.</param>
public sealed record ProcessProblem(
    TimeGrid Grid,
    double PowerMw,
    int DurationSteps,
    ProcessType Type,
    IReadOnlyList<double> Price,
    IReadOnlyList<bool>? Restricted = null,
    OptimizationSense Sense = OptimizationSense.Minimize);

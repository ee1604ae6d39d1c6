namespace FlexMeasures.Scheduling;

/// <summary>
/// The time steps a schedule is planned on: <see cref="StepCount"/> consecutive intervals of
/// <see cref="Resolution"/>, the first starting at <see cref="Start"/>.
/// Step <c>k</c> is the interval <c>[Start + k·Resolution, Start + (k+1)·Resolution)</c>.
/// Every per-step list in a problem has exactly <see cref="StepCount"/> elements.
/// </summary>
/// <param name="Start">Start of the first step, UTC (<see cref="DateTimeKind.Utc"/>).</param>
/// <param name="Resolution">Length of one step; positive.</param>
/// <param name="StepCount">Number of steps; at least 1.</param>
public sealed record TimeGrid(DateTime Start, TimeSpan Resolution, int StepCount)
{
    /// <summary>End of the last step (exclusive), UTC.</summary>
    public DateTime End => Start + Resolution * StepCount;

    /// <summary>One step's length in hours: the factor from MW over one step to MWh.</summary>
    public double StepHours => Resolution.TotalHours;

    /// <summary>Start of step <paramref name="step"/>, UTC.</summary>
    public DateTime StepStart(int step) => Start + Resolution * step;
}

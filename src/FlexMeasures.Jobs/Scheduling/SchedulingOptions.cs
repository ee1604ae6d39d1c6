namespace FlexMeasures.Jobs.Scheduling;

/// <summary>Section <c>Scheduling</c>: FlexMeasures' planning horizon settings.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>The default duration of a schedule (FlexMeasures' FLEXMEASURES_PLANNING_HORIZON, 2 days).</summary>
    public TimeSpan PlanningHorizon { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The most steps a schedule may have (FlexMeasures' FLEXMEASURES_MAX_PLANNING_HORIZON, 2520).</summary>
    public int MaxPlanningHorizonSteps { get; set; } = 2520;

    /// <summary>
    /// How long an identical trigger gets the earlier trigger's job instead of a new one (FlexMeasures'
    /// FLEXMEASURES_JOB_CACHE_TTL, 1 hour); zero: every trigger makes a new job.
    /// </summary>
    public TimeSpan JobCacheTtl { get; set; } = TimeSpan.FromHours(1);
}

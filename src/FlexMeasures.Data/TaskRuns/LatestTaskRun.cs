namespace FlexMeasures.Data.TaskRuns;

/// <summary>When a named task last ran and whether it succeeded (table <c>latest_task_run</c>).</summary>
public sealed class LatestTaskRun
{
    public required string Name { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Datetime { get; set; }

    /// <summary>True when the last run succeeded.</summary>
    public bool Status { get; set; }
}

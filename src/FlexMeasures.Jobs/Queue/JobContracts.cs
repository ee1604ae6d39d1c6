namespace FlexMeasures.Jobs.Queue;

/// <summary>Job states as the <c>jobs</c> commands name them.</summary>
public enum JobState
{
    Queued,

    /// <summary>Waiting for a later time: a retry after a failure (or a job scheduled ahead).</summary>
    Scheduled,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One line of <c>jobs list</c>.</summary>
/// <param name="At">UTC: when the job entered its state (queued, started, finished or failed); for a scheduled job, when it will be queued again.</param>
/// <param name="Detail">Worker for running jobs, result for succeeded ones, the exception message for failed ones.</param>
public sealed record JobSummary(string Id, string Queue, string State, string Job, DateTime? At, string? Detail);

/// <summary>One state a job went through.</summary>
/// <param name="At">UTC.</param>
public sealed record JobStateEntry(string State, DateTime At, string? Reason, IReadOnlyDictionary<string, string> Data);

/// <summary>Everything <c>jobs show</c> tells about a job.</summary>
/// <param name="Runs">How often a worker started it (more than one after a retry or a hand-back).</param>
public sealed record JobDescription(
    string Id,
    string Queue,
    string State,
    string Job,
    IReadOnlyList<string> Arguments,
    DateTime? CreatedAt,
    int Runs,
    string? Result,
    string? Exception,
    IReadOnlyList<JobStateEntry> History);

/// <summary>Counts of <c>jobs stats</c>.</summary>
public sealed record JobStatistics(
    string Storage,
    long Queued,
    long Running,
    long Succeeded,
    long Failed,
    long Scheduled,
    long Servers,
    IReadOnlyList<QueueStatistics> Queues,
    IReadOnlyList<WorkerStatistics> Workers);

/// <summary>Jobs waiting and running per queue.</summary>
public sealed record QueueStatistics(string Queue, long Queued, long Fetched);

/// <summary>A worker process and when it last said it was alive.</summary>
public sealed record WorkerStatistics(string Name, string Queues, int Workers, DateTime StartedAt, DateTime? Heartbeat);

/// <summary>The job a trigger got.</summary>
/// <param name="Existing">True when an identical earlier trigger's job was returned instead of a new one.</param>
public sealed record QueuedJob(string Id, bool Existing);

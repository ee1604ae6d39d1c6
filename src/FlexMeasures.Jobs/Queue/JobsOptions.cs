namespace FlexMeasures.Jobs.Queue;

/// <summary>Configuration section <c>Jobs</c>: how workers behave. Every value has a production default.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Jobs one worker process runs at the same time. Default: the number of processors, at least 2.</summary>
    public int? WorkerCount { get; set; }

    /// <summary>
    /// On Ctrl-C / SIGTERM: how long a running job may go on before it is cancelled and handed back to the queue.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker tells the queue it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A worker silent this long counts as dead; its running jobs go back to the queue.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often workers look for dead workers and for jobs to hand back.</summary>
    public TimeSpan RequeueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Redis only: a job fetched longer ago than this is handed back to the queue even when its worker looks alive.
    /// Must exceed the longest job, or a slow job runs twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

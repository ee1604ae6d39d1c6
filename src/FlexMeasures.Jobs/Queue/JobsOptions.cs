using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Jobs.Queue;

/// <summary>Configuration section <c>Jobs</c>: how workers behave. Every value has a production default.</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>Jobs one worker process runs at the same time. Default: the number of processors, at least 2.</summary>
    [Range(1, 1000, ErrorMessage = "must be a whole number from 1 to 1000")]
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var durations = new (string Name, TimeSpan Value)[]
        {
            (nameof(StopTimeout), StopTimeout),
            (nameof(HeartbeatInterval), HeartbeatInterval),
            (nameof(ServerTimeout), ServerTimeout),
            (nameof(RequeueCheckInterval), RequeueCheckInterval),
            (nameof(InvisibilityTimeout), InvisibilityTimeout),
        };
        foreach (var (name, value) in durations.Where(d => d.Value <= TimeSpan.Zero))
        {
            yield return new ValidationResult("must be a positive duration, e.g. 00:00:30", [name]);
        }

        if (HeartbeatInterval >= ServerTimeout)
        {
            // A worker would count as dead between two of its own heartbeats.
            yield return new ValidationResult($"must be shorter than Jobs__ServerTimeout ({ServerTimeout})", [nameof(HeartbeatInterval)]);
        }
    }
}

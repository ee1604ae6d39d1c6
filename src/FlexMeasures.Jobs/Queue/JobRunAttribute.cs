using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.Server;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Logs each run of a job on the worker: its start, and its end with duration and result (or exception).
/// </summary>
/// <remarks>
/// Through Hangfire's log provider, which <see cref="JobServer"/> points at the host's loggers: filters are
/// created by Hangfire, outside dependency injection.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JobLogAttribute : JobFilterAttribute, IServerFilter
{
    private const string ClockKey = "FlexMeasures.JobLog.Clock";
    // Looked up on each use: the process-wide provider changes when a host starts (tests start several).
    private static ILog Log => LogProvider.GetLogger("FlexMeasures.Jobs.JobLog");

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ClockKey] = Stopwatch.StartNew();
        Log.InfoFormat("Job {0} started: {1}", context.BackgroundJob.Id, JobText.Title(context.BackgroundJob.Job, _ => null));
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var took = context.Items.TryGetValue(ClockKey, out var clock) && clock is Stopwatch watch
            ? Data.Time.IsoDuration.Format(TimeSpan.FromMilliseconds(Math.Round(watch.Elapsed.TotalMilliseconds)))
            : "?";
        var title = JobText.Title(context.BackgroundJob.Job, _ => null);
        switch (context.Exception)
        {
            case null:
                Log.InfoFormat("Job {0} finished in {1}: {2}; result: {3}", context.BackgroundJob.Id, took, title, context.Result);
                break;
            case OperationCanceledException or JobAbortedException:
                Log.InfoFormat("Job {0} stopped after {1} (it goes back to the queue): {2}", context.BackgroundJob.Id, took, title);
                break;
            default:
                var cause = context.Exception is JobPerformanceException { InnerException: { } inner } ? inner : context.Exception;
                Log.WarnFormat("Job {0} failed after {1}: {2}; {3}: {4}", context.BackgroundJob.Id, took, title, cause.GetType().Name, cause.Message);
                break;
        }
    }
}

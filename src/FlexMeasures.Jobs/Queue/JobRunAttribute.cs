using System.Diagnostics;
using System.Globalization;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.Server;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// What a worker records of each run of a job: it counts the run in the job parameter
/// <see cref="JobQueueClient.RunCountParameter"/> (so a job that ran twice, a retry or a hand-back after its worker
/// died, shows it in <c>jobs show</c>), and logs its start, and its end with duration and result (or exception).
/// </summary>
/// <remarks>
/// One filter for both, so no job kind gets one without the other. Logs go through Hangfire's log provider, which
/// <see cref="JobServer"/> points at the host's loggers: filters are created by Hangfire, outside dependency injection.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JobRunAttribute : JobFilterAttribute, IServerFilter
{
    private const string ClockKey = "FlexMeasures.JobLog.Clock";

    // Looked up on each use: the process-wide provider changes when a host starts (tests start several).
    private static ILog Log => LogProvider.GetLogger("FlexMeasures.Jobs.JobLog");

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.BackgroundJob.Id;

        // Straight to storage: the context's own parameter methods may defer the write to the next state change,
        // which a worker that dies mid-job never makes.
        var stored = context.Connection.GetJobParameter(id, JobQueueClient.RunCountParameter)?.Trim('"');
        var runs = int.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        context.Connection.SetJobParameter(id, JobQueueClient.RunCountParameter, (runs + 1).ToString(CultureInfo.InvariantCulture));

        context.Items[ClockKey] = Stopwatch.StartNew();
        Log.InfoFormat("Job {0} started: {1}", id, JobText.Title(context.BackgroundJob.Job, _ => null));
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

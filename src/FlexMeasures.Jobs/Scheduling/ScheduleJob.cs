using FlexMeasures.Jobs.Queue;
using Hangfire;

namespace FlexMeasures.Jobs.Scheduling;

/// <summary>The scheduling job: its argument is a checked <see cref="ScheduleRun"/> as JSON; the work is <see cref="ScheduleService"/>'s.</summary>
public sealed class ScheduleJob(ScheduleService schedules)
{
    /// <summary>Computes and stores the schedule; the result (JSON) holds the scheduler, costs and unmet soft constraints.</summary>
    /// <remarks>
    /// Not retried automatically: a schedule that failed (unknown prices, infeasible constraints) fails the same way
    /// again, and FlexMeasures answers a failed job at once. Shutdown cancels the job and puts it back on the queue.
    /// </remarks>
    [Queue(JobQueues.Scheduling)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobRun]
    [JobDisplayName("Schedule")]
    public async Task<string> RunAsync(string run, CancellationToken cancellationToken)
    {
        var (_, result) = await schedules.RunAsync(ScheduleRun.FromJson(run), dryRun: false, cancellationToken);
        return result.ToJsonString();
    }
}

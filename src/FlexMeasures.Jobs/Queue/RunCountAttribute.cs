using System.Globalization;
using Hangfire.Common;
using Hangfire.Server;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Counts in the job parameter <see cref="JobQueueClient.RunCountParameter"/> how often a worker started the job, so
/// a job that ran twice (a retry, or a hand-back after its worker died) shows it in <c>jobs show</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunCountAttribute : JobFilterAttribute, IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Straight to storage: the context's own parameter methods may defer the write to the next state change,
        // which a worker that dies mid-job never makes.
        var id = context.BackgroundJob.Id;
        var stored = context.Connection.GetJobParameter(id, JobQueueClient.RunCountParameter)?.Trim('"');
        var runs = int.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        context.Connection.SetJobParameter(id, JobQueueClient.RunCountParameter, (runs + 1).ToString(CultureInfo.InvariantCulture));
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}

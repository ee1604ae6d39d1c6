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
        var runs = context.GetJobParameter<int?>(JobQueueClient.RunCountParameter) ?? 0;
        context.SetJobParameter(JobQueueClient.RunCountParameter, (runs + 1).ToString(CultureInfo.InvariantCulture));
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}

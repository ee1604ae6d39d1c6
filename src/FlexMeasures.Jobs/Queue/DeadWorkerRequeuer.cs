using Hangfire.Redis.StackExchange;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Hands the jobs of dead workers back to their queue on Redis, every <see cref="JobsOptions.RequeueCheckInterval"/>.
/// </summary>
/// <remarks>
/// Hangfire.Redis.StackExchange has the logic (its fetched-jobs watcher requeues a job whose worker was removed
/// by Hangfire's server watchdog, or which was fetched longer ago than the invisibility timeout) but runs it only
/// once a minute, a period it does not let us set. We run one pass of that same watcher at our own interval:
/// <c>Execute</c> with a cancelled token does one pass and returns instead of sleeping.
/// </remarks>
internal sealed class DeadWorkerRequeuer(RedisStorage storage, TimeSpan interval, ILogger<DeadWorkerRequeuer> logger) : IBackgroundProcess
{
#pragma warning disable CS0618 // IServerComponent is obsolete in Hangfire 1.8, but it is how the Redis storage exposes its watcher.
    private readonly IServerComponent? _watcher = storage.GetComponents().FirstOrDefault(c => c.GetType().Name == "FetchedJobsWatcher");
#pragma warning restore CS0618

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_watcher is null)
        {
            logger.LogWarning("This Hangfire.Redis.StackExchange has no FetchedJobsWatcher; dead workers' jobs are handed back by the storage's own schedule only.");
            context.Wait(TimeSpan.FromHours(1));
            return;
        }

        using var onePass = new CancellationTokenSource();
        onePass.Cancel();
        logger.LogDebug("Looking for jobs of dead workers");
        _watcher.Execute(onePass.Token);
        context.Wait(interval);
    }

    public override string ToString() => "FlexMeasures dead-worker requeuer";
}

using System.Globalization;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Hands the jobs of dead workers back to their queue on Redis, every <see cref="JobsOptions.RequeueCheckInterval"/>.
/// </summary>
/// <remarks>
/// A worker moves a job id from <c>queue:Q</c> to <c>queue:Q:dequeued</c> and then stamps the job's <c>Fetched</c>
/// time (Hangfire.Redis.StackExchange's layout). The library's own watcher puts jobs back, but only once a minute,
/// after a fixed minute for a job whose worker died between those two steps, and not at all while a dead worker
/// holds its lock (30 s). Each of these lost a job for longer than a test waited (docs/decisions/0014). This pass
/// uses our settings instead: a job goes back when its worker is gone (<see cref="JobsOptions.ServerTimeout"/>),
/// when it was fetched longer ago than <see cref="JobsOptions.InvisibilityTimeout"/>, or when it was never stamped
/// within <see cref="JobsOptions.ServerTimeout"/>. The move back is one Lua script, so two workers checking at
/// once never queue a job twice.
/// </remarks>
internal sealed partial class DeadWorkerRequeuer(IDatabase redis, string prefix, JobsOptions options, TimeProvider time, ILogger<DeadWorkerRequeuer> logger)
    : IBackgroundProcess
{
    /// <summary>How long the per-queue lock lasts if its holder dies mid-pass (a pass takes milliseconds).</summary>
    private static readonly TimeSpan LockHold = TimeSpan.FromSeconds(5);

    // Moves the job back only if it is still in the fetched list: whoever gets here second does nothing.
    private static readonly LuaScript MoveBack = LuaScript.Prepare(
        """
        if redis.call('LREM', @dequeued, -1, @id) > 0 then
          redis.call('HDEL', @job, 'Fetched', 'Checked')
          redis.call('RPUSH', @queue, @id)
          return 1
        end
        return 0
        """);

    private readonly string _owner = $"requeuer:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            RequeueOnce();
        }
        catch (RedisException e)
        {
            LogUnreachable(e, options.RequeueCheckInterval);
        }

        context.Wait(options.RequeueCheckInterval);
    }

    /// <summary>One pass over every queue's fetched list; returns how many jobs went back.</summary>
    internal int RequeueOnce()
    {
        var total = 0;
        foreach (var queue in redis.SetMembers(Key("queues")).Select(q => q.ToString()))
        {
            // The library's watcher takes the same lock; when it (or another worker) holds it, the next pass comes soon.
            var lockKey = Key($"queue:{queue}:dequeued:lock");
            if (!redis.LockTake(lockKey, _owner, LockHold))
            {
                continue;
            }

            try
            {
                var requeued = RequeueQueue(queue);
                if (requeued > 0)
                {
                    LogRequeued(requeued, queue);
                }

                total += requeued;
            }
            finally
            {
                redis.LockRelease(lockKey, _owner);
            }
        }

        return total;
    }

    private int RequeueQueue(string queue)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var requeued = 0;
        foreach (var id in redis.ListRange(Key($"queue:{queue}:dequeued")).Select(v => v.ToString()))
        {
            var jobKey = Key($"job:{id}");
            var flags = redis.HashGet(jobKey, ["Fetched", "Checked"]);
            var fetched = Instant(flags[0]);
            var @checked = Instant(flags[1]);
            bool due;
            if (fetched is null)
            {
                // Taken from the queue but never stamped: a live worker stamps within milliseconds, so start a clock
                // and put the job back once its worker has had a server timeout to do so.
                if (@checked is null)
                {
                    redis.HashSet(jobKey, "Checked", Format(now), When.NotExists);
                }

                due = @checked is { } since && now - since > options.ServerTimeout;
            }
            else
            {
                due = now - fetched.Value > options.InvisibilityTimeout || RunByADeadWorker(id, fetched.Value);
            }

            if (due && (int)MoveBack.Evaluate(redis, new { dequeued = (RedisKey)Key($"queue:{queue}:dequeued"), job = (RedisKey)jobKey, queue = (RedisKey)Key($"queue:{queue}"), id = id }) == 1)
            {
                requeued++;
            }
        }

        if (requeued > 0)
        {
            // Wakes workers waiting for a job, as an enqueue does.
            redis.Publish(RedisChannel.Literal(Key("JobFetchChannel")), "requeued");
        }

        return requeued;
    }

    /// <summary>
    /// The job is Processing on a worker the server watchdog removed. A Processing state older than this fetch
    /// belongs to an earlier run (the new worker has not yet marked it), so it says nothing about this fetch.
    /// </summary>
    private bool RunByADeadWorker(string id, DateTime fetched)
    {
        var state = redis.HashGet(Key($"job:{id}:state"), ["State", "ServerId", "StartedAt"]);
        if (state[0] != "Processing" || state[1].IsNullOrEmpty || Instant(state[2]) is not { } started || started < fetched)
        {
            return false;
        }

        return !redis.HashExists(Key($"server:{state[1]}"), "StartedAt");
    }

    private string Key(string name) => prefix + name;

    private static string Format(DateTime instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Hangfire writes instants as round-trip text or, in older data, as Unix milliseconds.</summary>
    private static DateTime? Instant(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var text = value.ToString();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    public override string ToString() => "FlexMeasures dead-worker requeuer";

    // The same words as the library's watcher, which operators (and a test) look for.
    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} timed out jobs were found in the '{Queue}' queue and re-queued.")]
    private partial void LogRequeued(int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for jobs of dead workers; trying again in {Interval}")]
    private partial void LogUnreachable(Exception exception, TimeSpan interval);
}

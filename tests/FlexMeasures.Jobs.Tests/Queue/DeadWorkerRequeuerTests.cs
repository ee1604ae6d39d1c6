using System.Globalization;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace FlexMeasures.Jobs.Tests.Queue;

/// <summary>
/// The fetched list of a real Redis, in the layout Hangfire.Redis.StackExchange writes, left behind by a worker
/// that died at each point of taking a job.
/// </summary>
public sealed class DeadWorkerRequeuerTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly JobsOptions _options = new() { ServerTimeout = TimeSpan.FromSeconds(4), InvisibilityTimeout = TimeSpan.FromMinutes(30) };
    private ConnectionMultiplexer _multiplexer = null!;
    private IDatabase _redis = null!;
    private string _prefix = "";

    public async Task InitializeAsync()
    {
        _prefix = (await TestServices.RedisEnvironmentAsync())["Redis__Prefix"]!;
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        _redis = _multiplexer.GetDatabase();
        await _redis.SetAddAsync(_prefix + "queues", "forecasting");
    }

    public async Task DisposeAsync()
    {
        foreach (var key in _multiplexer.GetServers()[0].Keys(pattern: _prefix.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal) + "*"))
        {
            await _redis.KeyDeleteAsync(key);
        }

        await _multiplexer.DisposeAsync();
    }

    [Fact]
    public async Task RequeueOnce_PutsBackAJob_WhenItsWorkerDiedBetweenTakingAndStampingIt()
    {
        await _redis.ListRightPushAsync(_prefix + "queue:forecasting:dequeued", "job-1");
        var requeuer = Requeuer();

        Assert.Equal(0, requeuer.RequeueOnce());
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, requeuer.RequeueOnce());
        _clock.Advance(TimeSpan.FromSeconds(2));

        // After a server timeout, not the library's fixed minute.
        Assert.Equal(1, requeuer.RequeueOnce());
        Assert.Equal(["job-1"], (await _redis.ListRangeAsync(_prefix + "queue:forecasting")).Select(v => v.ToString()));
        Assert.Empty(await _redis.ListRangeAsync(_prefix + "queue:forecasting:dequeued"));
        Assert.False(await _redis.HashExistsAsync(_prefix + "job:job-1", "Checked"));
    }

    [Fact]
    public async Task RequeueOnce_PutsBackAJobOnce_WhenItsWorkerWasRemovedWhileRunningIt()
    {
        await FetchedAsync("job-2", Start.AddSeconds(-2), processingSince: Start.AddSeconds(-1), server: "worker-a:1");
        var requeuer = Requeuer();
        var other = Requeuer();

        Assert.Equal(1, requeuer.RequeueOnce());
        Assert.Equal(0, other.RequeueOnce());
        Assert.Equal(0, requeuer.RequeueOnce());
        Assert.Equal(["job-2"], (await _redis.ListRangeAsync(_prefix + "queue:forecasting")).Select(v => v.ToString()));
    }

    [Fact]
    public async Task RequeueOnce_LeavesAJob_WhenItsWorkerIsAlive()
    {
        await FetchedAsync("job-3", Start.AddSeconds(-2), processingSince: Start.AddSeconds(-1), server: "worker-b:1");
        await _redis.HashSetAsync(_prefix + "server:worker-b:1", "StartedAt", Start.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture));

        Assert.Equal(0, Requeuer().RequeueOnce());
        Assert.Empty(await _redis.ListRangeAsync(_prefix + "queue:forecasting"));
    }

    [Fact]
    public async Task RequeueOnce_LeavesAJustRefetchedJob_WhenOnlyItsEarlierRunWasOnADeadWorker()
    {
        // Handed back and taken again by a live worker that has not yet marked it Processing: the dead worker's
        // state is older than this fetch, so it is no reason to hand the job back a second time.
        await FetchedAsync("job-4", Start.AddSeconds(-1), processingSince: Start.AddSeconds(-20), server: "worker-a:1");
        var requeuer = Requeuer();

        Assert.Equal(0, requeuer.RequeueOnce());
        _clock.Advance(_options.InvisibilityTimeout);
        Assert.Equal(1, requeuer.RequeueOnce());
    }

    private DeadWorkerRequeuer Requeuer() => new(_redis, _prefix, _options, _clock, NullLogger<DeadWorkerRequeuer>.Instance);

    private async Task FetchedAsync(string id, DateTime fetched, DateTime processingSince, string server)
    {
        await _redis.ListRightPushAsync(_prefix + "queue:forecasting:dequeued", id);
        await _redis.HashSetAsync(_prefix + $"job:{id}", "Fetched", fetched.ToString("O", CultureInfo.InvariantCulture));
        await _redis.HashSetAsync(
            _prefix + $"job:{id}:state",
            [new("State", "Processing"), new("ServerId", server), new("StartedAt", processingSince.ToString("O", CultureInfo.InvariantCulture))]);
    }

    private sealed class ManualClock(DateTime start) : TimeProvider
    {
        private DateTimeOffset _now = new(start);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

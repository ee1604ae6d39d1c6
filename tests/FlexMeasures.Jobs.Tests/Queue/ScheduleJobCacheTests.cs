using System.Text.Json.Nodes;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using FlexMeasures.Testing;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Jobs.Tests.Queue;

/// <summary>FlexMeasures' job cache for scheduling triggers, on the in-process queue and on a real Redis (no worker: the jobs stay queued).</summary>
public sealed class ScheduleJobCacheTests
{
    private static readonly DateTime Day = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Queues => new() { "in-process", "redis" };

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task EnqueueSchedule_ReturnsTheSameJob_WhenTheTriggerIsIdentical_AndANewOneWhenForced(string kind)
    {
        await using var services = await ServicesAsync(kind);
        var queue = services.GetRequiredService<JobQueueClient>();
        var run = Run("0.5 MW");
        var key = run.TriggerKey(beliefTimeGiven: true);

        var first = queue.EnqueueSchedule(run, key);
        var same = queue.EnqueueSchedule(Run("0.5 MW"), Run("0.5 MW").TriggerKey(beliefTimeGiven: true));
        var forced = queue.EnqueueSchedule(run, key, forceNew: true);
        var afterForced = queue.EnqueueSchedule(run, key);
        var other = queue.EnqueueSchedule(Run("0.4 MW"), Run("0.4 MW").TriggerKey(beliefTimeGiven: true));
        var withoutKey = queue.EnqueueSchedule(run);

        Assert.False(first.Existing);
        Assert.Equal(first.Id, same.Id);
        Assert.True(same.Existing);
        Assert.False(forced.Existing);
        Assert.NotEqual(first.Id, forced.Id);

        // A forced job takes the key over: the next identical trigger gets the newest job.
        Assert.Equal(forced.Id, afterForced.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, withoutKey.Id);
        Assert.Equal(4, queue.List(JobQueues.Scheduling, JobState.Queued).Count);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task EnqueueSchedule_QueuesANewJob_WhenTheIdenticalTriggersJobFailedOrWasDeleted(string kind)
    {
        await using var services = await ServicesAsync(kind);
        var queue = services.GetRequiredService<JobQueueClient>();
        var jobs = new BackgroundJobClient(services.GetRequiredService<JobStorage>());
        var run = Run("0.5 MW");
        var key = run.TriggerKey(beliefTimeGiven: true);

        var first = queue.EnqueueSchedule(run, key);
        jobs.ChangeState(first.Id, new FailedState(new InvalidOperationException("Prices unknown for planning window")));
        var afterFailure = queue.EnqueueSchedule(run, key);
        jobs.Delete(afterFailure.Id);
        var afterDeletion = queue.EnqueueSchedule(run, key);
        var again = queue.EnqueueSchedule(run, key);

        Assert.Equal("failed", queue.Find(first.Id)!.State);
        Assert.NotEqual(first.Id, afterFailure.Id);
        Assert.NotEqual(afterFailure.Id, afterDeletion.Id);
        Assert.False(afterDeletion.Existing);
        Assert.Equal(afterDeletion.Id, again.Id);
    }

    [Fact]
    public async Task EnqueueSchedule_ReturnsTheSameJob_ToAnotherHostOnTheSameRedis_AfterTheFirstHostStopped()
    {
        var environment = await TestServices.RedisEnvironmentAsync();
        var run = Run("0.5 MW");
        var key = run.TriggerKey(beliefTimeGiven: true);
        QueuedJob first;
        await using (var before = Services(environment))
        {
            first = before.GetRequiredService<JobQueueClient>().EnqueueSchedule(run, key);
        }

        await using var after = Services(environment);
        var again = after.GetRequiredService<JobQueueClient>().EnqueueSchedule(run, key);

        Assert.Equal(first.Id, again.Id);
        Assert.True(again.Existing);
    }

    [Fact]
    public async Task EnqueueSchedule_QueuesANewJob_WhenTheJobCacheExpired()
    {
        await using var services = await ServicesAsync("redis", new() { ["Scheduling__JobCacheTtl"] = "00:00:01" });
        var queue = services.GetRequiredService<JobQueueClient>();
        var run = Run("0.5 MW");
        var key = run.TriggerKey(beliefTimeGiven: true);

        var first = queue.EnqueueSchedule(run, key);
        var same = queue.EnqueueSchedule(run, key);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = queue.EnqueueSchedule(run, key);

        Assert.Equal(first.Id, same.Id);
        Assert.NotEqual(first.Id, later.Id);
    }

    [Fact]
    public void TriggerKey_IgnoresTheBeliefTimeAndKeyOrder_UnlessTheTriggerGaveTheBeliefTime()
    {
        var run = Run("0.5 MW");
        var later = run with { BeliefTime = run.BeliefTime.AddMinutes(5) };
        var reordered = run with
        {
            FlexModels = [new JsonObject { ["power-capacity"] = "0.5 MW", ["soc-max"] = "1 MWh", ["sensor"] = 1 }],
        };

        Assert.Equal(run.TriggerKey(beliefTimeGiven: false), later.TriggerKey(beliefTimeGiven: false));
        Assert.NotEqual(run.TriggerKey(beliefTimeGiven: true), later.TriggerKey(beliefTimeGiven: true));
        Assert.Equal(run.TriggerKey(beliefTimeGiven: true), reordered.TriggerKey(beliefTimeGiven: true));
        Assert.NotEqual(run.TriggerKey(beliefTimeGiven: true), Run("0.4 MW").TriggerKey(beliefTimeGiven: true));
        Assert.NotEqual(run.TriggerKey(beliefTimeGiven: true), (run with { SensorId = null, AssetId = 1 }).TriggerKey(beliefTimeGiven: true));
    }

    private static ScheduleRun Run(string capacity) => new(
        SchedulerNames.Storage,
        null,
        1,
        Day,
        Day.AddDays(1),
        TimeSpan.FromMinutes(15),
        Day.AddHours(-12),
        [new JsonObject { ["sensor"] = 1, ["soc-max"] = "1 MWh", ["power-capacity"] = capacity }],
        new JsonObject { ["consumption-price"] = "30 EUR/MWh" });

    private static async Task<ServiceProvider> ServicesAsync(string kind, Dictionary<string, string?>? settings = null)
    {
        var environment = kind == "redis" ? await TestServices.RedisEnvironmentAsync() : [];
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        return Services(environment);
    }

    private static ServiceProvider Services(Dictionary<string, string?> environment) =>
        new ServiceCollection().AddLogging().AddFlexMeasuresJobs(FlexMeasuresConfiguration.Build(environment)).BuildServiceProvider();
}

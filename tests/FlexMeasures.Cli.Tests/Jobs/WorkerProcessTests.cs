using System.Diagnostics;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Forecasting.Synthetic;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlexMeasures.Cli.Tests.Jobs;

public sealed class WorkerProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan[] Horizons = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromHours(48)];

    [Fact]
    public async Task TwoWorkers_FinishEveryJobOnce_AndLoseNone_WhenOneIsKilledMidJob()
    {
        await using var rig = await WorkerRig.CreateAsync(stopTimeout: "00:00:05");
        var (database, environment, queue) = (rig.Database, rig.Environment, rig.Queue);
        var (sensorId, runs) = await PrepareAsync(database);
        var ids = runs.Select(queue.EnqueueForecast).ToList();
        var clock = Stopwatch.StartNew();

        using var a = WorkerProcess.Start("worker-a", environment);
        using var b = WorkerProcess.Start("worker-b", environment);
        var killed = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && !killed)
        {
            // worker-a runs two jobs at a time: kill it the moment the queue says it is running some.
            // (Not in the very first milliseconds of a job, while the worker may still hold the job's lock for its
            // state change: a lock a dead worker held expires only after 30 s, which would just slow the test.)
            var now = DateTime.UtcNow;
            if (queue.Statistics().Succeeded >= 20
                && queue.List(null, JobState.Running).Count(j => j.Detail?.StartsWith("worker-a:", StringComparison.Ordinal) == true && now - j.At > TimeSpan.FromMilliseconds(5)) == 2)
            {
                a.KillHard();
                killed = true;
            }
            else
            {
                await Task.Delay(10);
            }
        }

        Assert.True(killed, "worker-a never had two jobs running");
        var killedAt = clock.Elapsed;
        while (clock.Elapsed < TimeSpan.FromSeconds(75) && queue.Statistics().Succeeded < ids.Count)
        {
            await Task.Delay(200);
        }

        output.WriteLine($"killed worker-a at {killedAt.TotalSeconds:0.0} s; {queue.Statistics().Succeeded} of {ids.Count} succeeded at {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var id in ids.Where(id => queue.History(id).Count(h => h.StateName != SucceededState.StateName) > 2 || queue.Find(id)!.State != "succeeded"))
        {
            output.WriteLine($"{id}: {string.Join(" | ", queue.History(id).Select(h => $"{h.CreatedAt:HH:mm:ss.fff} {h.StateName} {h.Reason} {string.Join(",", h.Data.Select(d => d.Key + "=" + d.Value))}"))}");
        }
        output.WriteLine(a.Output);
        output.WriteLine(b.Output);

        // Every job succeeded, exactly once; a job started more than once is one the killed worker had been running.
        Assert.Equal(ids.Count, queue.Statistics().Succeeded);
        Assert.Equal(0, queue.Statistics().Failed);
        var handedBack = new List<string>();
        foreach (var id in ids)
        {
            var history = queue.History(id);
            var job = queue.Find(id)!;
            var starts = history.Where(h => h.StateName == ProcessingState.StateName).ToList();
            Assert.Equal("succeeded", job.State);
            Assert.Single(history, h => h.StateName == SucceededState.StateName);
            // Runs counts starts that reached the job's code: a run killed in its first milliseconds may not have.
            Assert.InRange(job.Runs, 1, starts.Count);
            if (starts.Count > 1)
            {
                // Only a job whose worker died runs again (at least once more: see docs/decisions/0006-jobs.md).
                Assert.StartsWith("worker-a:", starts[0].Data["ServerId"], StringComparison.Ordinal);
                handedBack.Add(id);
            }
        }

        // worker-b found worker-a's unfinished jobs and put them back (started ones also show a second start above).
        Assert.Contains("timed out jobs were found in the 'forecasting' queue and re-queued", b.Output, StringComparison.Ordinal);
        output.WriteLine($"started again after worker-a died: {string.Join(", ", handedBack)}");

        // No forecast stored twice, none missing: 50 windows × 12 half hours × 4 horizons.
        await using var db = database.CreateContext();
        var forecasts = await db.TimedBeliefs.Where(t => t.SensorId == sensorId && t.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(50 * 12 * 4, forecasts.Count);
        Assert.Equal(forecasts.Count, forecasts.Select(f => (f.EventStart, f.BeliefHorizon)).Distinct().Count());
    }

    [Fact]
    public async Task TwoWorkers_FinishOverlappingForecastJobs_OnTheirFirstAttempt_StoringEachForecastOnce()
    {
        await using var rig = await WorkerRig.CreateAsync(stopTimeout: "00:00:05");
        var (database, environment, queue) = (rig.Database, rig.Environment, rig.Queue);
        var (sensorId, _) = await PrepareAsync(database);

        // 30 twelve-hour windows, each starting 6 hours after the previous one: every event is forecast by two jobs,
        // which the two workers (two jobs at a time each) run side by side.
        var first = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(40);
        var runs = Enumerable.Range(0, 30)
            .SelectMany(i => Horizons.Select(h => new ForecastRun(sensorId, first.AddHours(6 * i), first.AddHours((6 * i) + 12), h)))
            .ToList();
        var ids = runs.Select(queue.EnqueueForecast).ToList();
        var clock = Stopwatch.StartNew();

        using var a = WorkerProcess.Start("worker-a", environment);
        using var b = WorkerProcess.Start("worker-b", environment);
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && queue.Statistics().Succeeded + queue.Statistics().Failed < ids.Count)
        {
            await Task.Delay(200);
        }

        output.WriteLine($"{queue.Statistics().Succeeded} of {ids.Count} succeeded at {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var id in ids.Where(id => queue.Find(id)!.State != "succeeded" || queue.History(id).Count(h => h.StateName == ProcessingState.StateName) != 1))
        {
            output.WriteLine($"{id}: {string.Join(" | ", queue.History(id).Select(h => $"{h.CreatedAt:HH:mm:ss.fff} {h.StateName} {h.Reason}"))}");
        }

        Assert.Equal(ids.Count, queue.Statistics().Succeeded);
        Assert.Equal(0, queue.Statistics().Failed);
        Assert.All(ids, id => Assert.Single(queue.History(id), h => h.StateName == ProcessingState.StateName));
        Assert.All(ids, id => Assert.Equal(1, queue.Find(id)!.Runs));
        await using var db = database.CreateContext();
        var forecasts = await db.TimedBeliefs.Where(t => t.SensorId == sensorId && t.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(((6 * 29) + 12) * 2 * 4, forecasts.Count);
        Assert.Equal(forecasts.Count, forecasts.Select(f => (f.EventStart, f.BeliefHorizon)).Distinct().Count());
    }

    [Fact]
    public async Task Worker_StopsOnSigterm_FinishingOrHandingBackItsJobs_SoAnotherWorkerCompletesThem()
    {
        await using var rig = await WorkerRig.CreateAsync(stopTimeout: "00:00:20");
        var (database, environment, queue) = (rig.Database, rig.Environment, rig.Queue);
        var (sensorId, runs) = await PrepareAsync(database);
        runs = runs.Take(40).ToList();
        var ids = runs.Select(queue.EnqueueForecast).ToList();
        var clock = Stopwatch.StartNew();

        using var a = WorkerProcess.Start("worker-a", environment);
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && queue.List(null, JobState.Running).Count == 0)
        {
            await Task.Delay(20);
        }

        var exitCode = await a.TerminateAsync(TimeSpan.FromSeconds(60));
        var doneByA = queue.Statistics().Succeeded;
        using var b = WorkerProcess.Start("worker-b", environment);
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && queue.Statistics().Succeeded < ids.Count)
        {
            await Task.Delay(200);
        }

        output.WriteLine($"worker-a stopped with exit code {exitCode} after {doneByA} jobs; {queue.Statistics().Succeeded} of {ids.Count} at {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(a.Output);
        Assert.True(a.HasExited);
        Assert.Equal(ids.Count, queue.Statistics().Succeeded);
        Assert.Equal(0, queue.Statistics().Failed);
        Assert.All(ids, id => Assert.Single(queue.History(id), h => h.StateName == SucceededState.StateName));
        await using var db = database.CreateContext();
        var forecasts = await db.TimedBeliefs.Where(t => t.SensorId == sensorId && t.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(10 * 12 * 4, forecasts.Count);
        Assert.Equal(forecasts.Count, forecasts.Select(f => (f.EventStart, f.BeliefHorizon)).Distinct().Count());
    }

    /// <summary>A PostgreSQL test database, the worker environment on it and a queue client with the same settings.</summary>
    private sealed class WorkerRig(TestDatabase database, Dictionary<string, string?> environment, ServiceProvider services) : IAsyncDisposable
    {
        public TestDatabase Database => database;

        public Dictionary<string, string?> Environment => environment;

        public JobQueueClient Queue { get; } = services.GetRequiredService<JobQueueClient>();

        public static async Task<WorkerRig> CreateAsync(string stopTimeout)
        {
            var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
            var environment = await WorkerEnvironmentAsync(database, stopTimeout);
            var services = new ServiceCollection().AddLogging()
                .AddFlexMeasuresData(FlexMeasuresConfiguration.Build(environment))
                .AddFlexMeasuresJobs(FlexMeasuresConfiguration.Build(environment))
                .BuildServiceProvider();
            return new WorkerRig(database, environment, services);
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    /// <summary>The test database and Redis, with liveness settings short enough to notice a dead worker within seconds (production: minutes).</summary>
    private static async Task<Dictionary<string, string?>> WorkerEnvironmentAsync(TestDatabase database, string stopTimeout)
    {
        var environment = await Cli.WithRedisAsync(database);

        environment["Jobs__WorkerCount"] = "2";
        environment["Jobs__HeartbeatInterval"] = "00:00:01";
        environment["Jobs__ServerTimeout"] = "00:00:04";
        environment["Jobs__RequeueCheckInterval"] = "00:00:01";
        environment["Jobs__StopTimeout"] = stopTimeout;

        // A job a killed worker had fetched but not yet started has no worker on record: only this brings it back.
        environment["Jobs__InvisibilityTimeout"] = "00:00:15";
        return environment;
    }

    /// <summary>8 weeks of half-hourly demand, and 200 forecast runs: 50 six-hour windows from day 40 × 4 horizons.</summary>
    private static async Task<(int SensorId, List<ForecastRun> Runs)> PrepareAsync(TestDatabase database)
    {
        int sensorId;
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = database.CreateContext())
        {
            var structure = await TestStructure.CreateAsync(db, "workers");
            structure.Sensor.EventResolution = TimeSpan.FromMinutes(30);
            await db.SaveChangesAsync();
            sensorId = structure.Sensor.Id;
            var demand = SyntheticDemand.HalfHourly(start, 8, seed: 1);
            await new BeliefStore(db).SaveAsync(
                sensorId,
                structure.Source.Id,
                demand.Values.Select((v, i) => new NewBelief(demand.TimeAt(i), TimeSpan.Zero, v!.Value)),
                allowOverwrite: false,
                CancellationToken.None);
        }

        // Well past the default model's minimum of two weeks of history, so each job fits it on weeks of data.
        var first = start.AddDays(40);
        var runs = Enumerable.Range(0, 50)
            .SelectMany(i => Horizons.Select(h => new ForecastRun(sensorId, first.AddHours(6 * i), first.AddHours(6 * (i + 1)), h)))
            .ToList();
        return (sensorId, runs);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlexMeasures.Cli.Tests.Jobs;

/// <summary>Scheduling jobs on Redis, worked by <c>jobs run-worker</c> processes of their own, on PostgreSQL.</summary>
public sealed class SchedulingWorkerTests(ITestOutputHelper output)
{
    private static readonly DateTime Day = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RunWorker_StoresTheSchedule_WhenItWorksTheSchedulingQueue_AndAForecastingWorkerLeavesTheJobQueued()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var environment = await Cli.WithRedisAsync(database);

        environment["Jobs__WorkerCount"] = "1";
        var configuration = FlexMeasuresConfiguration.Build(environment);
        await using var services = new ServiceCollection().AddLogging()
            .AddFlexMeasuresData(configuration)
            .AddFlexMeasuresJobs(configuration)
            .BuildServiceProvider();
        var (power, prices) = await BatteryAsync(database);
        var queue = services.GetRequiredService<JobQueueClient>();

        // Triggered as the API and `add schedule --as-job` do: checked here, computed by whichever worker takes it.
        ScheduleRun run;
        await using (var scope = services.CreateAsyncScope())
        {
            run = await scope.ServiceProvider.GetRequiredService<SchedulePlanner>().PrepareAsync(
                new ScheduleRequest(
                    power,
                    null,
                    new DateTimeOffset(Day),
                    TimeSpan.FromDays(1),
                    Prior: new DateTimeOffset(Day.AddHours(-12)),
                    FlexModel: JsonNode.Parse("""{"soc-at-start": "0.5 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}"""),
                    FlexContext: new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = prices } }),
                mayRead: null,
                CancellationToken.None);
        }

        var scheduleJob = queue.EnqueueSchedule(run).Id;

        // A forecasting-only worker takes a forecasting job (it is alive and fetching) but leaves the scheduling job.
        var forecastJob = queue.EnqueueForecast(new ForecastRun(prices, Day, Day.AddHours(6), TimeSpan.FromHours(6)));
        var clock = Stopwatch.StartNew();
        using (var forecaster = WorkerProcess.Start("forecaster", environment, JobQueues.Forecasting))
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && queue.Find(forecastJob)!.State is "queued" or "running")
            {
                await Task.Delay(200);
            }

            output.WriteLine(forecaster.Output);
            Assert.NotEqual("queued", queue.Find(forecastJob)!.State);
            Assert.NotEqual("running", queue.Find(forecastJob)!.State);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("queued", queue.Find(scheduleJob)!.State);
            Assert.Equal(0, await database.CreateContext().TimedBeliefs.CountAsync(b => b.SensorId == power));
            await forecaster.TerminateAsync(TimeSpan.FromSeconds(30));
        }

        using var scheduler = WorkerProcess.Start("scheduler", environment, JobQueues.Scheduling);
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && queue.Find(scheduleJob)!.State is "queued" or "running")
        {
            await Task.Delay(200);
        }

        output.WriteLine(scheduler.Output);
        var job = queue.Find(scheduleJob)!;
        Assert.True(job.State == "succeeded", $"{job.State}: {job.Exception}");
        Assert.Equal(JobQueues.Scheduling, job.Queue);
        Assert.Contains(job.History, h => h.State == "Processing" && h.Data.GetValueOrDefault("ServerId", "").StartsWith("scheduler:", StringComparison.Ordinal));
        Assert.Equal(96, JsonNode.Parse(job.Result!)!["num-beliefs"]!.GetValue<long>());

        // Stored production positive: the 0.5 MWh of room is charged in the cheap night, the full 1 MWh sold in the dear evening.
        await using var db = database.CreateContext();
        var stored = await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == power).Include(b => b.Source).ToListAsync();
        Assert.Equal(96, stored.Count);
        var source = Assert.Single(stored.Select(b => b.Source!).DistinctBy(s => s.Id));
        Assert.Equal(("scheduler", "StorageScheduler"), (source.Type, source.Model));
        var values = stored.OrderBy(b => b.EventStart).Select(b => b.EventValue).ToList();
        Assert.Equal(-0.5, values.Take(24).Where(v => v < 0).Sum() / 4, 6);
        Assert.Equal(1.0, values.Skip(17 * 4).Take(16).Sum() / 4, 6);
        Assert.All(values, v => Assert.InRange(v, -0.5 - 1e-9, 0.5 + 1e-9));
    }

    /// <summary>A battery (power in MW per 15 min) and hourly prices for <see cref="Day"/> known two days ahead: cheap at night, dear from 17:00 to 21:00.</summary>
    private static async Task<(int Power, int Prices)> BatteryAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "scheduling worker");
        var battery = new GenericAsset { Name = "battery", AccountId = structure.Account.Id, GenericAssetTypeId = structure.AssetType.Id };
        db.GenericAssets.Add(battery);
        await db.SaveChangesAsync();
        var power = new Sensor { Name = "power", Unit = "MW", EventResolution = TimeSpan.FromMinutes(15), Timezone = "Europe/Amsterdam", GenericAssetId = battery.Id };
        var prices = new Sensor { Name = "prices", Unit = "EUR/MWh", EventResolution = TimeSpan.FromHours(1), Timezone = "Europe/Amsterdam", GenericAssetId = battery.Id };
        var market = new DataSource { Name = "market", Type = "market" };
        db.AddRange(power, prices, market);
        await db.SaveChangesAsync();
        var beliefs = Enumerable.Range(0, 24).Select(h => new NewBelief(Day.AddHours(h), TimeSpan.FromDays(2), h < 6 ? 10 : h is >= 17 and < 21 ? 100 : 50));
        await new BeliefStore(db).SaveAsync(prices.Id, market.Id, beliefs, allowOverwrite: false, CancellationToken.None);
        return (power.Id, prices.Id);
    }
}

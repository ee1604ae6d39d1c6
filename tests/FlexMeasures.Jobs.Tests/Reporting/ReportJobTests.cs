using System.Text.Json.Nodes;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Jobs.Tests.Reporting;

/// <summary>Reports as jobs on the reporting queue, and a report of a battery schedule against the scheduler's own cost.</summary>
public sealed class ReportJobTests
{
    private static readonly DateTime Day = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<DatabaseProvider, string> Queues() => new()
    {
        { DatabaseProvider.Sqlite, "in-process" },
        { DatabaseProvider.Sqlite, "redis" },
        { DatabaseProvider.Postgres, "in-process" },
        { DatabaseProvider.Postgres, "redis" },
    };

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task ReportJob_StoresTheReport_WhenAWorkerOfTheReportingQueueRunsIt(DatabaseProvider provider, string queueKind)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var environment = new Dictionary<string, string?>(database.Environment);
        if (queueKind == "redis")
        {
            foreach (var (key, value) in await TestServices.RedisEnvironmentAsync())
            {
                environment[key] = value;
            }
        }

        var configuration = FlexMeasuresConfiguration.Build(environment);
        await using var services = new ServiceCollection().AddLogging().AddFlexMeasuresData(configuration).AddFlexMeasuresJobs(configuration)
            .AddFlexMeasuresWorker("report-worker", [JobQueues.Reporting]).BuildServiceProvider();
        var (a, b, output, source) = await SeedAsync(services);
        var queue = services.GetRequiredService<JobQueueClient>();
        var server = services.GetRequiredService<JobServer>();
        var parameters = new JsonObject
        {
            ["input"] = new JsonArray(new JsonObject { ["sensor"] = a.Id }, new JsonObject { ["sensor"] = b.Id }),
            ["output"] = new JsonArray(new JsonObject { ["sensor"] = output.Id }),
            ["start"] = "2025-01-01T00:00:00+00:00",
            ["end"] = "2025-01-01T04:00:00+00:00",
        };

        await server.StartAsync(CancellationToken.None);
        var id = queue.EnqueueReport(new ReportRequest(AggregatorReporter.ReporterName, new JsonObject { ["method"] = "sum" }, parameters, SaveConfig: true));
        for (var i = 0; i < 300 && queue.Find(id)?.State is not ("succeeded" or "failed"); i++)
        {
            await Task.Delay(100);
        }

        await server.StopAsync(CancellationToken.None);

        var job = queue.Find(id)!;
        Assert.Equal(("succeeded", JobQueues.Reporting), (job.State, job.Queue));
        await using var db = database.CreateContext();
        var stored = (await db.TimedBeliefs.Where(t => t.SensorId == output.Id).Select(t => new { t.EventStart, t.EventValue, t.SourceId }).ToListAsync())
            .OrderBy(t => t.EventStart).ToList();
        Assert.Equal([11.0, 22, 33, 44], stored.Select(s => s.EventValue));
        Assert.NotEqual(source.Id, stored[0].SourceId);
        Assert.Equal("reporter", (await db.DataSources.SingleAsync(s => s.Id == stored[0].SourceId)).Type);
    }

    [Theory]
    [BothProviders]
    public async Task ProfitOrLossReport_EqualsTheSchedulersEnergyCost_ForABatterySchedule(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = new ServiceCollection().AddLogging().AddFlexMeasuresData(database.Configuration).AddFlexMeasuresJobs(database.Configuration).BuildServiceProvider();
        int power, prices, cost;
        await using (var db = database.CreateContext())
        {
            var account = new Account { Name = "battery owner" };
            var type = new GenericAssetType { Name = "battery" };
            var asset = new GenericAsset { Name = "battery", GenericAssetType = type, Account = account };
            var powerSensor = new Sensor { Name = "power", Unit = "MW", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = asset };
            var priceSensor = new Sensor { Name = "prices", Unit = "EUR/MWh", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromHours(1), GenericAsset = asset };
            var costSensor = new Sensor { Name = "cost", Unit = "EUR", Timezone = "UTC", EventResolution = TimeSpan.FromDays(1), GenericAsset = asset };
            var market = new DataSource { Name = "market", Type = "market" };
            db.AddRange(account, type, asset, powerSensor, priceSensor, costSensor, market);
            await db.SaveChangesAsync();
            (power, prices, cost) = (powerSensor.Id, priceSensor.Id, costSensor.Id);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(
                prices,
                market.Id,
                [.. Enumerable.Range(0, 24).Select(h => new NewBelief(Day.AddHours(h), TimeSpan.FromHours(48), h < 6 ? 10 : h is >= 17 and < 21 ? 100 : 50.5))],
                false,
                CancellationToken.None);
        }

        ScheduleOutcome outcome;
        await using (var scope = services.CreateAsyncScope())
        {
            var request = new ScheduleRequest(
                power,
                null,
                new DateTimeOffset(Day),
                TimeSpan.FromDays(1),
                Prior: new DateTimeOffset(Day.AddHours(-12)),
                FlexModel: JsonNode.Parse("""{"soc-at-start": "0.5 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}"""),
                FlexContext: new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = prices } });
            var run = await scope.ServiceProvider.GetRequiredService<SchedulePlanner>().PrepareAsync(request, null, CancellationToken.None);
            var schedules = scope.ServiceProvider.GetRequiredService<ScheduleService>();
            outcome = await schedules.ComputeAsync(run, CancellationToken.None);
            await schedules.StoreAsync(outcome, CancellationToken.None);
        }

        ComputedReport report;
        await using (var scope = services.CreateAsyncScope())
        {
            var parameters = new JsonObject
            {
                ["input"] = new JsonArray(new JsonObject { ["sensor"] = power }),
                ["output"] = new JsonArray(new JsonObject { ["sensor"] = cost }),
                ["start"] = "2025-01-01T00:00:00+00:00",
                ["end"] = "2025-01-02T00:00:00+00:00",
            };
            report = await scope.ServiceProvider.GetRequiredService<ReportService>().ComputeAsync(
                new ReportRequest(ProfitOrLossReporter.ReporterName, new JsonObject { ["consumption_price_sensor"] = prices, ["loss_is_positive"] = true }, parameters, SaveConfig: false),
                CancellationToken.None);
        }

        var reported = Assert.Single(report.Results[0].Values);
        Assert.NotEqual(0, outcome.Costs.Energy);
        Assert.Equal(outcome.Costs.Energy, reported!.Value, 6);
        Assert.Equal("EUR", outcome.Costs.Currency);
    }

    private static async Task<(Sensor A, Sensor B, Sensor Output, DataSource Source)> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        var type = new GenericAssetType { Name = "site" };
        var asset = new GenericAsset { Name = "site", GenericAssetType = type };
        Sensor Hourly(string name) => new() { Name = name, Unit = "kW", Timezone = "UTC", EventResolution = TimeSpan.FromHours(1), GenericAsset = asset };
        var (a, b, output) = (Hourly("a"), Hourly("b"), Hourly("a + b"));
        var source = new DataSource { Name = "meter", Type = "user" };
        db.AddRange(type, asset, a, b, output, source);
        await db.SaveChangesAsync();
        var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
        await store.SaveAsync(a.Id, source.Id, [.. Enumerable.Range(0, 4).Select(h => new NewBelief(Day.AddHours(h), TimeSpan.Zero, h + 1))], false, CancellationToken.None);
        await store.SaveAsync(b.Id, source.Id, [.. Enumerable.Range(0, 4).Select(h => new NewBelief(Day.AddHours(h), TimeSpan.Zero, 10 * (h + 1)))], false, CancellationToken.None);
        return (a, b, output, source);
    }
}

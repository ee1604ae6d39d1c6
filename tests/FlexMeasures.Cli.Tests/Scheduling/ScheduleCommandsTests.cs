using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Scheduling;

public sealed class ScheduleCommandsTests : IDisposable
{
    private const string FlexModel = """{"soc-at-start": "0.5 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}""";
    private const string FlexContext = """{"consumption-price": {"sensor": 3}}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("fm-schedules-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task AddSchedule_StoresTheScheduleOnce_AndDryRunStoresNothing(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);
        var modelFile = Path.Combine(_folder, "flex-model.json");
        await File.WriteAllTextAsync(modelFile, FlexModel);
        string[] args = ["add", "schedule", "--sensor", "1", "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D", "--prior", "2024-12-31T12:00:00+00:00",
            "--flex-model", "@" + modelFile, "--flex-context", FlexContext];

        var dryRun = await Ok(database, [.. args, "--dry-run"]);
        int afterDryRun;
        await using (var db = database.CreateContext())
        {
            afterDryRun = await db.TimedBeliefs.CountAsync(b => b.SensorId == 1);
        }

        var first = await Ok(database, args);
        var second = await Ok(database, args);

        Assert.Equal(0, afterDryRun);
        Assert.Contains("Dry run: nothing was stored.", dryRun, StringComparison.Ordinal);
        Assert.Contains("2025-01-01T17:00:00Z", dryRun, StringComparison.Ordinal);
        Assert.Contains("Cost of the schedule: -95 EUR", dryRun, StringComparison.Ordinal);
        Assert.Contains("doing nothing: 0 EUR", dryRun, StringComparison.Ordinal);
        Assert.Contains("(96 new or changed beliefs)", first, StringComparison.Ordinal);
        Assert.Contains("(0 new or changed beliefs)", second, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal(96, await check.TimedBeliefs.CountAsync(b => b.SensorId == 1));
        Assert.Equal("scheduler", (await check.DataSources.SingleAsync(s => s.Model == "StorageScheduler")).Type);

        // The stored values, not only their count: the sensor stores production as positive (no consumption_is_positive),
        // so the 0.5 MWh charged in the cheap night is stored negative and the 1 MWh sold in the dear evening positive.
        var stored = (await check.TimedBeliefs.Where(b => b.SensorId == 1).Select(b => new { b.EventStart, b.EventValue }).ToListAsync())
            .OrderBy(b => b.EventStart).Select(b => b.EventValue).ToList();
        Assert.Equal(-0.5, stored.Take(24).Where(v => v < 0).Sum() / 4, 6);
        Assert.Equal(1.0, stored.Skip(17 * 4).Take(16).Sum() / 4, 6);
    }

    [Theory]
    [BothProviders]
    public async Task AddSchedule_NamesTheField_AndStoresNothing_WhenTheFlexModelIsWrong(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, "add", "schedule", "--sensor", "1", "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D",
            "--flex-model", """{"soc-min": "2 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}""", "--flex-context", FlexContext);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: flex-model.soc-min: Must not exceed soc-max", result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.TimedBeliefs.AnyAsync(b => b.SensorId == 1));
    }

    [Theory]
    [BothProviders]
    public async Task AddAsset_RefusesAWrongFlexModel_AndAddScheduleUsesAStoredOne(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);

        var refused = await Cli.RunAsync(database, "add", "asset", "--name", "bad", "--asset-type", "1", "--account", "1", "--flex-model", """{"power-capacity": "-1 MW"}""");
        var site = Id(await Ok(database, "add", "asset", "--name", "site", "--asset-type", "1", "--account", "1", "--flex-context", FlexContext));
        var battery = Id(await Ok(database, "add", "asset", "--name", "second battery", "--asset-type", "1", "--account", "1", "--parent-asset", site));
        var power = Id(await Ok(database, "add", "sensor", "--name", "power", "--unit", "kW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", battery));

        // No flex-context in the trigger: the prices come from the one stored on the battery's parent asset.
        var output = await Ok(database, "add", "schedule", "--sensor", power, "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D",
            "--prior", "2024-12-31T12:00:00+00:00", "--flex-model", FlexModel, "--dry-run");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("flex_model.power-capacity: Must be greater than or equal to 0.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Cost of the schedule: -95 EUR", output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.GenericAssets.AnyAsync(a => a.Name == "bad"));
    }

    [Theory]
    [BothProviders]
    public async Task AddScheduleAsJob_NamesTheEarlierJob_WhenTheRequestIsIdentical_AndQueuesANewOneWhenForced(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);
        var environment = await Cli.WithRedisAsync(database);

        string[] args = ["add", "schedule", "--sensor", "1", "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D", "--prior", "2024-12-31T12:00:00+00:00",
            "--flex-model", FlexModel, "--flex-context", FlexContext, "--as-job"];

        var first = await Cli.RunAsync(environment, "", args);
        var same = await Cli.RunAsync(environment, "", args);
        var forced = await Cli.RunAsync(environment, "", [.. args, "--force-new-job-creation"]);
        var withoutJob = await Cli.RunAsync(environment, "", [.. args[..^1], "--force-new-job-creation"]);

        var firstId = Regex.Match(first.Output, @"Queued scheduling job (\S+) ").Groups[1].Value;
        Assert.Equal(0, first.ExitCode);
        Assert.NotEqual("", firstId);
        Assert.Contains($"An identical request already queued scheduling job {firstId} ", same.Output, StringComparison.Ordinal);
        var forcedId = Regex.Match(forced.Output, @"Queued scheduling job (\S+) ").Groups[1].Value;
        Assert.NotEqual("", forcedId);
        Assert.NotEqual(firstId, forcedId);
        Assert.Equal(1, withoutJob.ExitCode);
        Assert.Contains("--force-new-job-creation: only with --as-job", withoutJob.Error, StringComparison.Ordinal);
        await using var services = new ServiceCollection().AddFlexMeasuresJobs(FlexMeasuresConfiguration.Build(environment)).BuildServiceProvider();
        Assert.Equal(2, services.GetRequiredService<JobQueueClient>().List(JobQueues.Scheduling, JobState.Queued).Count);
        await using var db = database.CreateContext();
        Assert.False(await db.TimedBeliefs.AnyAsync(b => b.SensorId == 1));
    }

    [Theory]
    [BothProviders]
    public async Task EditAsset_SetsReplacesAndClearsTheStoredFlexConfig_WhichATriggerWithoutOneUses(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);
        var modelFile = Path.Combine(_folder, "stored-flex-model.json");
        await File.WriteAllTextAsync(modelFile, """{"sensor": 1, "soc-at-start": "0.5 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}""");
        string[] schedule = ["add", "schedule", "--sensor", "1", "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D", "--prior", "2024-12-31T12:00:00+00:00", "--dry-run"];

        var set = await Ok(database, "edit", "asset", "--id", "1", "--flex-model", "@" + modelFile, "--flex-context", FlexContext);
        var (setModel, setContext) = await StoredFlexAsync(database);
        var fromStored = await Ok(database, schedule);

        // Replaced, not merged: soc-at-start is gone (so 0), and the battery is now half as fast.
        await Ok(database, "edit", "asset", "--id", "1", "--flex-model", """{"sensor": 1, "soc-max": "1 MWh", "power-capacity": "0.25 MW"}""");
        var (replacedModel, replacedContext) = await StoredFlexAsync(database);
        var fromReplaced = await Ok(database, schedule);

        await Ok(database, "edit", "asset", "--id", "1", "--clear-flex-model", "--clear-flex-context");
        var cleared = await StoredFlexAsync(database);
        var withoutStored = await Cli.RunAsync(database, schedule);

        Assert.Contains("Asset 1 ('battery')", set, StringComparison.Ordinal);
        Assert.Equal("0.5 MWh", JsonNode.Parse(setModel)!["soc-at-start"]!.GetValue<string>());
        Assert.Equal(3, JsonNode.Parse(setContext)!["consumption-price"]!["sensor"]!.GetValue<int>());
        Assert.Contains("Cost of the schedule: -95 EUR", fromStored, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(replacedModel)!["soc-at-start"]);
        Assert.Equal("0.25 MW", JsonNode.Parse(replacedModel)!["power-capacity"]!.GetValue<string>());
        Assert.Equal(setContext, replacedContext);

        // 1 MWh bought at 10 EUR/MWh in the 6 cheap hours (0.25 MW × 4 h), sold at 100 in the 4 dear ones.
        Assert.Contains("Cost of the schedule: -90 EUR", fromReplaced, StringComparison.Ordinal);
        Assert.Equal(("{}", "{}"), cleared);
        Assert.Equal(1, withoutStored.ExitCode);
        Assert.Contains("flex-context.consumption-price", withoutStored.Error, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task EditAsset_NamesTheField_AndChangesNothing_WhenTheFlexConfigIsWrong(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);
        await Ok(database, "edit", "asset", "--id", "1", "--flex-model", FlexModel, "--flex-context", FlexContext);
        var before = await StoredFlexAsync(database);

        var overfull = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-model", """{"soc-min": "2 MWh", "soc-max": "1 MWh", "power-capacity": "0.5 MW"}""");
        var unknownField = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-model", """{"soc-maximum": "1 MWh"}""", "--flex-context", """{"consumption-price": "20 EUR/MWh"}""");
        var missingSensor = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-context", """{"consumption-price": {"sensor": 99}}""");
        var notJson = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-model", "{soc-max: 1}");
        var noFile = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-context", "@" + Path.Combine(_folder, "missing.json"));
        var both = await Cli.RunAsync(database, "edit", "asset", "--id", "1", "--flex-model", FlexModel, "--clear-flex-model");
        var nothing = await Cli.RunAsync(database, "edit", "asset", "--id", "1");

        Assert.All(new[] { overfull, unknownField, missingSensor, notJson, noFile, both, nothing }, r => Assert.Equal(1, r.ExitCode));
        Assert.Contains("Error: flex_model.soc-min: Must not exceed soc-max", overfull.Error, StringComparison.Ordinal);
        Assert.Contains("flex_model.soc-maximum: Unknown field.", unknownField.Error, StringComparison.Ordinal);
        Assert.Contains("flex_context.consumption-price", missingSensor.Error, StringComparison.Ordinal);
        Assert.Contains("flex", notJson.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not valid JSON", notJson.Error, StringComparison.Ordinal);
        Assert.Contains("--flex-context: no file", noFile.Error, StringComparison.Ordinal);
        Assert.Contains("--flex-model: cannot be combined with --clear-flex-model", both.Error, StringComparison.Ordinal);
        Assert.Contains("Give --flex-model, --flex-context", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoredFlexAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task EditAsset_FailsNamingTheId_WhenTheAssetIsUnknown(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, "edit", "asset", "--id", "99", "--flex-model", FlexModel);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no asset with id 99", result.Error, StringComparison.Ordinal);
        Assert.Equal(("{}", "{}"), await StoredFlexAsync(database));
    }

    /// <summary>
    /// A site breach price given as a time series is used per step (as FlexMeasures does), not at its largest value: the
    /// battery breaches the 50 kW site limit in the first three night hours, where breaching costs 1 EUR/MW, to charge
    /// the 0.2 MWh that do not fit under the limit at 10 EUR/MWh; at 1000 EUR/MW it would rather charge them by day at 50.
    /// </summary>
    [Theory]
    [BothProviders]
    public async Task AddSchedule_BreachesWhereTheBreachPriceIsLow_WhenTheBreachPriceIsATimeSeries(DatabaseProvider provider)
    {
        await using var database = await BatteryDatabaseAsync(provider);
        const string context = """
            {"consumption-price": {"sensor": 3}, "site-consumption-capacity": "50 kW",
             "site-consumption-breach-price": [
               {"start": "2025-01-01T00:00:00+00:00", "duration": "PT3H", "value": "1 EUR/MW"},
               {"start": "2025-01-01T03:00:00+00:00", "duration": "PT21H", "value": "1000 EUR/MW"}]}
            """;

        var output = await Ok(database, "add", "schedule", "--sensor", "1", "--start", "2025-01-01T00:00:00+00:00", "--duration", "P1D",
            "--prior", "2024-12-31T12:00:00+00:00", "--flex-model", FlexModel, "--flex-context", context, "--dry-run");

        var power = Regex.Matches(output, @"^(\S+Z)\s+(-?\d+\.\d+)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(96, power.Count);
        Assert.All(Enumerable.Range(0, 12), k => Assert.Equal(0.05 + (0.2 / 3), power[$"2025-01-01T{k / 4:00}:{k % 4 * 15:00}:00Z"], 5));
        Assert.All(Enumerable.Range(12, 12), k => Assert.Equal(0.05, power[$"2025-01-01T{k / 4:00}:{k % 4 * 15:00}:00Z"], 5));
        Assert.Contains("Not met: SiteConsumptionCapacity by up to 0.067", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowSchedulers_ListsTheStorageAndProcessSchedulers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var output = await Ok(database, "show", "schedulers");

        Assert.Contains("StorageScheduler", output, StringComparison.Ordinal);
        Assert.Contains("ProcessScheduler", output, StringComparison.Ordinal);
    }

    private static async Task<(string FlexModel, string FlexContext)> StoredFlexAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var asset = await db.GenericAssets.AsNoTracking().SingleAsync(a => a.Id == 1);
        return (asset.FlexModel, asset.FlexContext);
    }

    private static string Id(string output) => Regex.Match(output, @"with id (\d+)").Groups[1].Value;

    /// <summary>Sensor 1: battery power (MW, 15 min); 2: state of charge; 3: hourly prices for 2025-01-01, known two days ahead.</summary>
    private async Task<TestDatabase> BatteryDatabaseAsync(DatabaseProvider provider)
    {
        var database = await AccountDatabaseAsync(provider);
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "battery", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        await Ok(database, "add", "sensor", "--name", "state of charge", "--unit", "MWh", "--event-resolution", "PT0M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        await Ok(database, "add", "sensor", "--name", "prices", "--unit", "EUR/MWh", "--event-resolution", "PT1H", "--timezone", "Europe/Amsterdam", "--asset", "1");
        await Ok(database, "add", "source", "--name", "market");
        var csv = Path.Combine(_folder, $"prices-{provider}.csv");
        var rows = Enumerable.Range(0, 24).Select(h => $"2025-01-01T{h:00}:00:00+00:00,{(h < 6 ? 10 : h is >= 17 and < 21 ? 100 : 50)}");
        await File.WriteAllLinesAsync(csv, ["datetime,value", .. rows]);
        await Ok(database, "add", "beliefs", csv, "--sensor", "3", "--source", "market", "--prior", "2024-12-30T00:00:00+00:00");
        return database;
    }
}

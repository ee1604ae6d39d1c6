using System.Text.RegularExpressions;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
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

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Beliefs;

public sealed class BeliefCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fm-beliefs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_ResamplesToTheSensorResolution_AndSaysWhenBeliefTimeIsTheImport(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var file = Csv("datetime,value", "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:05:00+02:00,2", "2021-05-02T00:10:00+02:00,3", "2021-05-02T00:15:00+02:00,10");

        var result = await Cli.RunAsync(database, "add", "beliefs", file, "--sensor", "1", "--source", "meter");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created data source 'meter'", result.Output, StringComparison.Ordinal);
        Assert.Contains("every belief counts as held now, at the moment of import", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 beliefs stored", result.Output, StringComparison.Ordinal);
        Assert.Equal([(new DateTime(2021, 5, 1, 22, 0, 0), 2d), (new DateTime(2021, 5, 1, 22, 15, 0), 10d)], await StoredAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_ReadsNaiveTimesInTheSensorZone_ConvertsUnits_AndKeepsRowsWithoutResampling(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var file = Csv("when;kW", "2021-05-02 00:00:00;1.500,5", "2021-05-02 00:15:00;NA", "2021-05-02 00:30:00;2.000");

        var result = await Cli.RunAsync(database, "add", "beliefs", file, "--sensor", "1", "--source", "meter", "--horizon", "PT0H",
            "--unit", "kW", "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--no-resample");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 beliefs stored", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 without a value", result.Output, StringComparison.Ordinal);
        Assert.Equal([(new DateTime(2021, 5, 1, 22, 0, 0), 1.5005), (new DateTime(2021, 5, 1, 22, 30, 0), 2d)], await StoredAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_ConvertsPercentagesOfTheSensorCapacity_AndAveragesStockAtItsOwnStep(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        await Ok(database, "add", "sensor", "--name", "battery power", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1",
            "--attributes", """{"capacity_in_mw": 2}""");
        var percentages = Csv("t,v", "2021-05-02T00:00:00Z,50", "2021-05-02T00:15:00Z,25");
        var energy = Csv("t,v", "2021-05-02T00:00:00Z,100", "2021-05-02T00:05:00Z,100", "2021-05-02T00:10:00Z,100");

        var percent = await Cli.RunAsync(database, "add", "beliefs", percentages, "--sensor", "2", "--source", "meter", "--horizon", "PT0H", "--unit", "%");
        var stock = await Cli.RunAsync(database, "add", "beliefs", energy, "--sensor", "1", "--source", "meter", "--horizon", "PT0H", "--unit", "kWh");

        Assert.True(percent.ExitCode == 0, percent.Error);
        Assert.True(stock.ExitCode == 0, stock.Error);
        await using var db = database.CreateContext();
        Assert.Equal([1, 0.5], await db.TimedBeliefs.Where(b => b.SensorId == 2).OrderBy(b => b.EventStart).Select(b => b.EventValue).ToListAsync());

        // 100 kWh in each 5 minutes is 1.2 MW, however the three are averaged into the sensor's 15 minutes.
        Assert.Equal(1.2, (await db.TimedBeliefs.SingleAsync(b => b.SensorId == 1)).EventValue, 9);
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_TakesBeliefTimesFromAColumn(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var file = Csv(
            "event,value,believed",
            "2021-05-02T00:00:00Z,1,2021-05-01T12:00:00Z",
            "2021-05-02T00:00:00Z,2,2021-05-01T18:00:00Z",
            "2021-05-02T00:00:00Z,3,2021-05-02T01:00:00Z");

        var result = await Cli.RunAsync(database, "add", "beliefs", file, "--sensor", "1", "--source", "meter", "--belief-time-column", "2", "--no-resample");

        await using var db = database.CreateContext();
        var horizons = await db.TimedBeliefs.OrderByDescending(b => b.BeliefHorizon).Select(b => b.BeliefHorizon).ToListAsync();
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("moment of import", result.Error, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromMinutes(735), TimeSpan.FromMinutes(375), TimeSpan.FromMinutes(-45)], horizons);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, new[] { "2021-05-02T00:00:00+02:00,1", "yesterday,2" }, "Error: Line 3: 'yesterday' in column 0 is not a date and time")]
    [InlineData(DatabaseProvider.Postgres, new[] { "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:15:00+02:00,abc" }, "Error: Line 3: 'abc' in column 1 is not a number")]
    [InlineData(DatabaseProvider.Sqlite, new[] { "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:15:00+02:00" }, "Error: Line 3: expected at least 2 columns separated by ',', found 1")]
    [InlineData(DatabaseProvider.Postgres, new[] { "2021-05-02T00:15:00+02:00,1", "2021-05-02T00:00:00+02:00,2" }, "Error: Line 3: timestamps must be in ascending order")]
    public async Task AddBeliefs_StopsAtABadRow_AndStoresNothing(DatabaseProvider provider, string[] rows, string message)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var file = Csv(["datetime,value", .. rows]);

        var result = await Cli.RunAsync(database, "add", "beliefs", file, "--sensor", "1", "--source", "new source", "--horizon", "PT0H");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was stored.", result.Error.Trim(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.TimedBeliefs.CountAsync());
        Assert.False(await db.DataSources.AnyAsync(s => s.Name == "new source"));
    }

    [Theory]
    [InlineData(new[] { "--unit", "m" }, "Error: --unit:")]
    [InlineData(new[] { "--sensor", "9" }, "Error: --sensor: no sensor with id 9.")]
    [InlineData(new[] { "--horizon", "soon" }, "Error: --horizon: 'soon' is not an ISO 8601 duration")]
    [InlineData(new[] { "--horizon", "PT1H", "--prior", "2021-05-01T00:00:00Z" }, "Error: --horizon: give at most one of --horizon, --belief-time-column and --prior.")]
    public async Task AddBeliefs_RefusesBadOptions_AndStoresNothing(string[] options, string message)
    {
        await using var database = await SensorDatabaseAsync(DatabaseProvider.Sqlite);
        var file = Csv("datetime,value", "2021-05-02T00:00:00+02:00,1");
        var args = new List<string> { "add", "beliefs", file, "--sensor", "1", "--source", "meter" };
        for (var i = 0; i < options.Length; i += 2)
        {
            var at = args.IndexOf(options[i]);
            if (at >= 0)
            {
                args[at + 1] = options[i + 1];
            }
            else
            {
                args.AddRange([options[i], options[i + 1]]);
            }
        }

        var result = await Cli.RunAsync(database, [.. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_ReadsTheSheetOfAnExcelWorkbook_AndNamesSheetAndRowOfABadOne(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var workbook = Path.Combine(_folder, "meter.xlsx");
        await File.WriteAllBytesAsync(workbook, Workbooks.Xlsx(
            ("Notes", [["exported by the meter's portal"]]),
            ("Meter", [["when", "MW"], [new DateTime(2021, 5, 2, 0, 0, 0), 1.5], [new DateTime(2021, 5, 2, 0, 15, 0), 2.0]]),
            ("Bad", [["when", "MW"], [new DateTime(2021, 5, 2, 0, 30, 0), 3.0], [new DateTime(2021, 5, 2, 0, 45, 0), "x"]])));

        var good = await Cli.RunAsync(database, "add", "beliefs", workbook, "--sensor", "1", "--source", "meter", "--horizon", "PT0H", "--sheet-number", "1");
        var bad = await Cli.RunAsync(database, "add", "beliefs", workbook, "--sensor", "1", "--source", "meter", "--horizon", "PT0H", "--sheet_number", "2");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("2 beliefs stored", good.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("Sheet 'Bad', row 3: 'x' in column 1 is not a number", bad.Error, StringComparison.Ordinal);
        Assert.Equal([(new DateTime(2021, 5, 1, 22, 0, 0), 1.5), (new DateTime(2021, 5, 1, 22, 15, 0), 2d)], await StoredAsync(database));
    }

    [Fact]
    public async Task AddBeliefs_SaysWhichFileIsMissing()
    {
        await using var database = await SensorDatabaseAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "add", "beliefs", Path.Combine(_folder, "nope.csv"), "--sensor", "1", "--source", "meter");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.csv' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_RefusesToReplaceValues_UnlessAllowed(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        await Ok(database, "add", "beliefs", Csv("t,v", "2021-05-02T00:00:00Z,1"), "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var changed = Csv("t,v", "2021-05-02T00:00:00Z,2");

        var refused = await Cli.RunAsync(database, "add", "beliefs", changed, "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var valueAfterRefusal = (await StoredAsync(database)).Single().Value;
        var allowed = await Cli.RunAsync(database, "add", "beliefs", changed, "--sensor", "1", "--source", "meter", "--horizon", "PT0H", "--allow-overwrite");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is stored as 1; replacing it with 2 is not allowed", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1d, valueAfterRefusal);
        Assert.Contains("1 replaced", allowed.Output, StringComparison.Ordinal);
        Assert.Equal(2d, (await StoredAsync(database)).Single().Value);
    }

    [Theory]
    [BothProviders]
    public async Task ShowBeliefs_ShowsInstantsInTheDisplayZone_WhenFlexMeasuresTimezoneIsSet(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        await Ok(database, "add", "beliefs", Csv("t,v", "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:15:00+02:00,3"),
            "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var environment = new Dictionary<string, string?>(database.Environment) { ["FLEXMEASURES_TIMEZONE"] = "Europe/Amsterdam" };
        var csv = Path.Combine(_folder, "zoned.csv");
        string[] show = ["show", "beliefs", "--sensor", "1", "--start", "2021-05-02T00:00:00+02:00", "--duration", "PT30M"];

        var table = await Cli.RunAsync(environment, "", show);
        var file = await Cli.RunAsync(environment, "", [.. show, "--to-file", csv]);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("event_start (Europe/Amsterdam)", table.Output, StringComparison.Ordinal);
        Assert.Contains("2021-05-02 00:15", table.Output, StringComparison.Ordinal);
        Assert.Equal(0, file.ExitCode);
        Assert.Equal(["event_start,power (#1) [MW]", "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:15:00+02:00,3"], await File.ReadAllLinesAsync(csv));
    }

    [Theory]
    [BothProviders]
    public async Task ShowBeliefs_PrintsATable_WritesCsvAndDrawsAChart(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        await Ok(database, "add", "beliefs", Csv("t,v", "2021-05-02T00:00:00+02:00,1", "2021-05-02T00:15:00+02:00,3", "2021-05-02T00:30:00+02:00,5"),
            "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var csv = Path.Combine(_folder, "out.csv");
        var png = Path.Combine(_folder, "chart.png");

        var table = await Ok(database, "show", "beliefs", "--sensor", "1", "--start", "2021-05-02T00:00:00+02:00", "--duration", "PT1H", "--resolution", "PT30M", "--unit", "kW");
        await Ok(database, "show", "beliefs", "--sensor", "1", "--start", "2021-05-02T00:00:00+02:00", "--duration", "PT1H", "--to-file", csv, "--chart", png);

        Assert.Contains("2021-05-01 22:00", table, StringComparison.Ordinal);
        Assert.Contains("2000", table, StringComparison.Ordinal);
        Assert.Contains("5000", table, StringComparison.Ordinal);
        Assert.Equal(
            ["event_start,power (#1) [MW]", "2021-05-01T22:00:00Z,1", "2021-05-01T22:15:00Z,3", "2021-05-01T22:30:00Z,5", "2021-05-01T22:45:00Z,"],
            await File.ReadAllLinesAsync(csv));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(png))[..4]);
    }

    [Theory]
    [BothProviders]
    public async Task DeleteBeliefsAndUnchangedBeliefs_RemoveWhatTheySay(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.DataSources.Add(new Data.Sources.DataSource { Name = "meter" });
            await db.SaveChangesAsync();
            var start = new DateTime(2021, 5, 2, 0, 0, 0, DateTimeKind.Utc);

            // Stored without the unchanged rule, as older tools did: the middle belief repeats the first.
            db.TimedBeliefs.AddRange(
                new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.FromHours(2), EventValue = 5, SensorId = 1, SourceId = 1 },
                new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.FromHours(1), EventValue = 5, SensorId = 1, SourceId = 1 },
                new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.Zero, EventValue = 6, SensorId = 1, SourceId = 1 },
                new TimedBelief { EventStart = start.AddDays(1), BeliefHorizon = TimeSpan.Zero, EventValue = 7, SensorId = 1, SourceId = 1 });
            await db.SaveChangesAsync();
        }

        var unchanged = await Cli.RunAsync(database, "delete", "unchanged-beliefs", "--sensor", "1", "--force");
        var window = await Cli.RunAsync(database, "delete", "beliefs", "--sensor", "1", "--start", "2021-05-03T00:00:00Z", "--force");

        Assert.Equal("Deleted 1 unchanged beliefs.", unchanged.Output.Trim());
        Assert.Equal("Deleted 1 beliefs of sensor 1.", window.Output.Trim());
        await using var check = database.CreateContext();
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.Zero], await check.TimedBeliefs.OrderByDescending(b => b.BeliefHorizon).Select(b => b.BeliefHorizon).ToListAsync());
    }

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>An account (1) with an asset (1) holding sensor 1: power in MW, 15 minutes, Europe/Amsterdam.</summary>
    internal static async Task<TestDatabase> SensorDatabaseAsync(DatabaseProvider provider)
    {
        var database = await AccountDatabaseAsync(provider);
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "battery", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        return database;
    }

    private static async Task<List<(DateTime EventStart, double Value)>> StoredAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return [.. (await db.TimedBeliefs.OrderBy(b => b.EventStart).Select(b => new { b.EventStart, b.EventValue }).ToListAsync())
            .Select(b => (DateTime.SpecifyKind(b.EventStart, DateTimeKind.Unspecified), Math.Round(b.EventValue, 9)))];
    }
}

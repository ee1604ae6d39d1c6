using System.Globalization;
using System.Text.RegularExpressions;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Reporting;

public sealed class ReportCommandsTests : IDisposable
{
    private const string Config = """{"method": "sum", "weights": {"pv": 1, "load": -1}}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("fm-reports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task AddReport_StoresTheReportOnce_AndDryRunStoresNothing(DatabaseProvider provider)
    {
        await using var database = await SiteDatabaseAsync(provider, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var parametersFile = Path.Combine(_folder, "parameters.json");
        await File.WriteAllTextAsync(parametersFile, Parameters);
        string[] args = ["add", "report", "--reporter", "AggregatorReporter", "--config", Config, "--parameters", parametersFile,
            "--start", "2025-01-01T00:00:00+00:00", "--end", "2025-01-01T04:00:00+00:00"];

        var dryRun = await Ok(database, [.. args, "--dry-run"]);
        var afterDryRun = await CountAsync(database, 3);
        var first = await Ok(database, args);
        var second = await Ok(database, args);

        Assert.Equal(0, afterDryRun);
        Assert.Contains("2025-01-01T01:00:00Z,-18", dryRun, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was stored.", dryRun, StringComparison.Ordinal);
        Assert.Contains(": 4 new beliefs, 0 unchanged.", first, StringComparison.Ordinal);
        Assert.Contains(": 0 new beliefs, 4 unchanged.", second, StringComparison.Ordinal);
        Assert.Equal(4, await CountAsync(database, 3));
    }

    [Theory]
    [BothProviders]
    public async Task AddReport_NamesTheField_AndStoresNothing_WhenTheConfigIsWrong(DatabaseProvider provider)
    {
        await using var database = await SiteDatabaseAsync(provider, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var method = await Cli.RunAsync(database, "add", "report", "--reporter", "AggregatorReporter", "--config", """{"method": "avg"}""", "--parameters", Parameters,
            "--start", "2025-01-01T00:00:00+00:00", "--end", "2025-01-01T04:00:00+00:00");
        var reporter = await Cli.RunAsync(database, "add", "report", "--reporter", "PandasReporter", "--parameters", Parameters,
            "--start", "2025-01-01T00:00:00+00:00", "--end", "2025-01-01T04:00:00+00:00");
        var offset = await Cli.RunAsync(database, "add", "report", "--reporter", "AggregatorReporter", "--parameters", Parameters, "--start-offset", "DB,-1W");

        Assert.Equal((1, "Error: config.method: 'avg' is not a method; use sum, mean, min, max, median, prod, var, std."), (method.ExitCode, method.Error.Trim()));
        Assert.Equal(1, reporter.ExitCode);
        Assert.StartsWith("Error: reporter: there is no reporter 'PandasReporter'", reporter.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, offset.ExitCode);
        Assert.Contains("--start-offset: '-1W' is not an offset", offset.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(database, 3));
        await using var db = database.CreateContext();
        Assert.False(await db.DataSources.AnyAsync(s => s.Type == "reporter"));
    }

    [Theory]
    [BothProviders]
    public async Task AddReport_ReportsYesterday_WhenGivenDayBeginOffsets(DatabaseProvider provider)
    {
        // Offsets count from the real clock: the data is yesterday's (UTC, the output sensor's zone).
        var today = DateTime.UtcNow.Date;
        await using var database = await SiteDatabaseAsync(provider, today.AddDays(-1), hours: 48);

        var output = await Ok(database, "add", "report", "--reporter", "AggregatorReporter", "--config", Config, "--parameters", Parameters,
            "--start-offset", "DB,-1D", "--end-offset", "DB", "--dry-run");

        Assert.Contains($"{today.AddDays(-1):yyyy-MM-dd}T00:00:00Z,-9", output, StringComparison.Ordinal);
        Assert.Contains($"{today.AddDays(-1):yyyy-MM-dd}T23:00:00Z,-9", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{today:yyyy-MM-dd}T00:00:00Z", output, StringComparison.Ordinal);
        Assert.Contains("(site net): aggregate, 24 values in kW", output, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AddReportAsJob_QueuesAReportingJob_AndShowReportersListsTheReporters(DatabaseProvider provider)
    {
        await using var database = await SiteDatabaseAsync(provider, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var environment = await Cli.WithRedisAsync(database);

        var queued = await Cli.RunAsync(environment, "", "add", "report", "--reporter", "FormulaReporter", "--config", """{"formula": "pv - load"}""",
            "--parameters", """{"input": [{"name": "pv", "sensor": 1}, {"name": "load", "sensor": 2}], "output": [{"sensor": 3}]}""",
            "--start", "2025-01-01T00:00:00+00:00", "--end", "2025-01-01T04:00:00+00:00", "--as-job");
        var reporters = await Ok(database, "show", "reporters");

        Assert.Equal(0, queued.ExitCode);
        var id = Regex.Match(queued.Output, @"Queued reporting job (\S+) ").Groups[1].Value;
        Assert.NotEqual("", id);
        await using var services = new ServiceCollection().AddFlexMeasuresJobs(FlexMeasuresConfiguration.Build(environment)).BuildServiceProvider();
        var job = services.GetRequiredService<JobQueueClient>().Find(id)!;
        Assert.Equal((JobQueues.Reporting, "queued"), (job.Queue, job.State));
        Assert.Equal(0, await CountAsync(database, 3));
        Assert.Contains("AggregatorReporter", reporters, StringComparison.Ordinal);
        Assert.Contains("ProfitOrLossReporter", reporters, StringComparison.Ordinal);
        Assert.Contains("FormulaReporter", reporters, StringComparison.Ordinal);
    }

    private const string Parameters = """{"input": [{"name": "pv", "sensor": 1}, {"name": "load", "sensor": 2}], "output": [{"sensor": 3}]}""";

    /// <summary>Sensors 1 (pv: 1, 2, 3, … kW), 2 (load: 10, 20, 30, … kW) and 3 (site net), hourly, UTC, from <paramref name="start"/>.</summary>
    private async Task<TestDatabase> SiteDatabaseAsync(DatabaseProvider provider, DateTime start, int hours = 4)
    {
        var database = await AccountDatabaseAsync(provider);
        await Ok(database, "add", "asset-type", "--name", "site");
        await Ok(database, "add", "asset", "--name", "site", "--asset-type", "1", "--account", "1");
        foreach (var name in new[] { "pv", "load", "site net" })
        {
            await Ok(database, "add", "sensor", "--name", name, "--unit", "kW", "--event-resolution", "PT1H", "--timezone", "UTC", "--asset", "1");
        }

        await Ok(database, "add", "source", "--name", "meter");
        foreach (var (sensor, factor) in new[] { (1, 1), (2, 10) })
        {
            var csv = Path.Combine(_folder, $"sensor-{sensor}-{provider}.csv");
            var rows = Enumerable.Range(0, hours).Select(h => string.Create(CultureInfo.InvariantCulture, $"{start.AddHours(h):yyyy-MM-ddTHH:mm:ss}+00:00,{factor * (hours == 4 ? h + 1 : 1)}"));
            await File.WriteAllLinesAsync(csv, ["datetime,value", .. rows]);
            await Ok(database, "add", "beliefs", csv, "--sensor", sensor.ToString(CultureInfo.InvariantCulture), "--source", "meter");
        }

        return database;
    }

    private static async Task<int> CountAsync(TestDatabase database, int sensorId)
    {
        await using var db = database.CreateContext();
        return await db.TimedBeliefs.CountAsync(b => b.SensorId == sensorId);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Forecasting.Synthetic;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Forecasts;

public sealed class ForecastCommandsTests : IDisposable
{
    private static readonly string[] BaselineFields = ["naive_mape", "seasonal_naive_daily_mape", "seasonal_naive_weekly_mape"];

    private readonly string _folder = Directory.CreateTempSubdirectory("fm-forecasts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task AddForecasts_StoresForecasterBeliefsAtEachHorizon_AndNothingNewTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await DemandDatabaseAsync(provider);

        var first = await Ok(database, "add", "forecasts", "--sensor", "1", "--from", "2024-02-05", "--until", "2024-02-06");
        var second = await Ok(database, "add", "forecasts", "--sensor", "1", "--from", "2024-02-05", "--until", "2024-02-06");
        var accuracy = await Ok(database, "show", "forecast-accuracy", "--sensor", "1", "--horizon", "6");

        Assert.Contains("In all: 192 stored, 0 replaced, 0 unchanged.", first, StringComparison.Ordinal);
        Assert.Contains("In all: 0 stored, 0 replaced, 192 unchanged.", second, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(first, @"Sensor 1, horizon \w+, auto: 48 forecasts by "));
        await using var db = database.CreateContext();
        var forecasts = await db.TimedBeliefs.Where(b => b.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(48 * 4, forecasts.Count);
        Assert.Equal([1, 6, 24, 48], forecasts.Select(f => f.BeliefHorizon.TotalHours).Distinct().Order());
        var sourceIds = forecasts.Select(f => f.SourceId).Distinct().ToList();
        var sources = await db.DataSources.Where(s => sourceIds.Contains(s.Id)).ToListAsync();
        Assert.All(sources, s => Assert.Equal(("forecaster", $"FlexMeasures {s.Model}"), (s.Type, s.Name)));
        Assert.All(sources, s => Assert.Contains(s.Model, FlexMeasures.Jobs.Forecasts.ForecastModels.AutoCandidates));
        Assert.All(sources, s => Assert.Matches($@"(by |; ){Regex.Escape(s.Model!)}\b", first));
        Assert.Matches(@"FlexMeasures \S+\s+PT6H\s+\d+\s", accuracy);
        Assert.Contains("seasonal-naive-daily (same time a day earlier", accuracy, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 11's window bug (issue 9 item 1): overlapping windows, run in either order, give the same forecasts bit
    /// for bit, and a recomputation stores and replaces nothing.
    /// </summary>
    [Theory]
    [BothProviders]
    public async Task AddForecasts_StoresNothingAndGivesTheSameRows_WhenOverlappingWindowsRunInAnyOrder(DatabaseProvider provider)
    {
        await using var wideFirst = await DemandDatabaseAsync(provider);
        await using var narrowFirst = await DemandDatabaseAsync(provider);
        string[] wide = ["add", "forecasts", "--sensor", "1", "--from", "2024-02-05T05:00:00Z", "--until", "2024-02-08", "--horizon", "6", "--model", "auto"];
        string[] narrow = ["add", "forecasts", "--sensor", "1", "--from", "2024-02-06", "--until", "2024-02-07", "--horizon", "6", "--model", "auto"];

        var runs = new List<string> { await Ok(wideFirst, wide), await Ok(wideFirst, narrow), await Ok(wideFirst, wide) };
        await Ok(narrowFirst, narrow);
        await Ok(narrowFirst, wide);

        Assert.Contains("In all: 134 stored, 0 replaced, 0 unchanged.", runs[0], StringComparison.Ordinal);
        Assert.Contains("In all: 0 stored, 0 replaced, 48 unchanged.", runs[1], StringComparison.Ordinal);
        Assert.Contains("In all: 0 stored, 0 replaced, 134 unchanged.", runs[2], StringComparison.Ordinal);
        Assert.Equal(await ForecastRowsAsync(wideFirst), await ForecastRowsAsync(narrowFirst));
    }

    [Fact]
    public async Task AddForecasts_SaysTheSensorHasNoData_WhenItHasNoMeasurements()
    {
        await using var database = await SensorDatabaseAsync();

        var output = await Ok(database, "add", "forecasts", "--sensor", "1", "--from", "2024-02-05", "--until", "2024-02-06", "--horizon", "6");

        Assert.Contains("sensor 1 has no measurements before 2024-02-06 00:00Z: nothing to forecast, nothing stored.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("model naive", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_ReportsMapeAgainstEveryBaseline_AndStoresNothing()
    {
        await using var database = await DemandDatabaseAsync(DatabaseProvider.Sqlite);

        var output = await Ok(database, "forecasts", "backtest", "--sensor", "1", "--model", "linear-OLS", "--train-until", "2024-02-05", "--test-until", "2024-02-12", "--horizon", "1", "24");

        Assert.Contains("Backtest of linear-OLS on sensor 1", output, StringComparison.Ordinal);
        Assert.Matches(@"PT1H\s+linear-OLS\s+336\s+[\d.]+ %\s+[\d.]+ %\s+[\d.]+ %\s+[\d.]+ %\s+\S+\s+[+-][\d.]+%", output);
        Assert.Matches(@"P1D\s+linear-OLS\s+336\s", output);
        await using var db = database.CreateContext();
        Assert.False(await db.TimedBeliefs.AnyAsync(b => b.BeliefHorizon > TimeSpan.Zero));
    }

    [Theory]
    [BothProviders]
    public async Task AddForecasts_WithQuantiles_StoresThemAndAccuracyShowsPinballAndCoverage(DatabaseProvider provider)
    {
        await using var database = await DemandDatabaseAsync(provider);

        var added = await Ok(database, "add", "forecasts", "--sensor", "1", "--from", "2024-01-22", "--until", "2024-01-24", "--horizon", "6", "--quantiles", "0.1", "0.9");
        var accuracy = await Ok(database, "show", "forecast-accuracy", "--sensor", "1", "--json");
        var refused = await Cli.RunAsync(database, "add", "forecasts", "--sensor", "1", "--from", "2024-01-24", "--until", "2024-01-25", "--horizon", "6", "--quantiles", "0.1", "1.5");

        Assert.Contains("at quantiles 0.1, 0.5, 0.9", added, StringComparison.Ordinal);
        Assert.Contains("In all: 288 stored, 0 replaced", added, StringComparison.Ordinal);
        var row = JsonDocument.Parse(accuracy).RootElement[0];
        Assert.Matches(@"^\d+(\.\d+)?$", row.GetProperty("pinball").GetString());
        Assert.Matches(@"^\d+(\.\d+)? %$", row.GetProperty("coverage").GetString());
        Assert.Equal("0.1–0.9", row.GetProperty("interval").GetString());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--quantiles", refused.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(96 * 3, await db.TimedBeliefs.CountAsync(b => b.BeliefHorizon > TimeSpan.Zero));
    }

    [Fact]
    public async Task Backtest_WithQuantiles_ReportsPinballAndCoverage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var output = await Ok(database, "forecasts", "backtest", "--synthetic", "1", "--model", "lightgbm", "--horizon", "24", "--quantiles", "0.1", "0.9");

        Assert.Matches(@"P1D\s+lightgbm\s+672\s+.*\s[\d.]+\s+[\d.]+ %", output);
        Assert.Contains("coverage = share of actuals between the 0.1 and 0.9 quantiles (nominal 80%)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestJson_GivesEveryFieldPerHorizon_WithImprovementOverTheBestBaseline()
    {
        await using var database = await DemandDatabaseAsync(DatabaseProvider.Sqlite);

        var output = await Ok(database, "forecasts", "backtest", "--sensor", "1", "--model", "auto", "--train-from", "2024-01-01", "--train-until", "2024-02-05", "--test-until", "2024-02-12", "--horizon", "1", "48", "--json");

        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["PT1H", "P2D"], rows.Select(r => r.GetProperty("horizon").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal(336, row.GetProperty("events").GetInt32());
            var baselines = BaselineFields.Select(n => row.GetProperty(n).GetDouble()).ToList();
            Assert.Equal(1 - (row.GetProperty("mape").GetDouble() / baselines.Min()), row.GetProperty("improvement").GetDouble(), 12);
            Assert.True(row.GetProperty("mae").GetDouble() > 0 && row.GetProperty("wape").GetDouble() > 0);
            Assert.False(string.IsNullOrEmpty(row.GetProperty("model").GetString()));
            Assert.False(row.TryGetProperty("coverage", out _));
        }
    }

    [Theory]
    [BothProviders]
    public async Task BacktestJson_ScoresHolidayEventsApart_AndWithoutHolidaysForecastsAsIfThereWereNone(DatabaseProvider provider)
    {
        await using var database = await DemandDatabaseAsync(provider);
        string[] backtest = ["forecasts", "backtest", "--sensor", "1", "--model", "seasonal-naive", "--train-until", "2024-02-05", "--test-until", "2024-02-12", "--horizon", "24", "--json"];
        var before = JsonDocument.Parse(await Ok(database, backtest)).RootElement[0];
        await using (var db = database.CreateContext())
        {
            // A Wednesday called a holiday, though the demand has no dip that day: forecast as a Sunday, it must go wrong.
            var annotation = new Annotation
            {
                Content = "closed",
                Start = new DateTime(2024, 2, 7, 0, 0, 0, DateTimeKind.Utc),
                End = new DateTime(2024, 2, 8, 0, 0, 0, DateTimeKind.Utc),
                SourceId = (await db.DataSources.FirstAsync()).Id,
                Type = AnnotationTypes.Holiday,
            };
            annotation.Sensors.Add(await db.Sensors.SingleAsync(s => s.Id == 1));
            db.Annotations.Add(annotation);
            await db.SaveChangesAsync();
        }

        var with = JsonDocument.Parse(await Ok(database, backtest)).RootElement[0];
        var without = JsonDocument.Parse(await Ok(database, [.. backtest, "--without-holidays"])).RootElement[0];

        Assert.False(before.TryGetProperty("holiday_events", out _));
        Assert.Equal(48, with.GetProperty("holiday_events").GetInt32());
        Assert.Equal(48, without.GetProperty("holiday_events").GetInt32());
        Assert.Equal(before.GetProperty("mae").GetDouble(), without.GetProperty("mae").GetDouble());
        Assert.True(with.GetProperty("holiday_mae").GetDouble() > 2 * without.GetProperty("holiday_mae").GetDouble());
    }

    [Fact]
    public async Task Backtest_OnSyntheticDemand_MeetsTheIssueTargets()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var output = await Ok(database, "forecasts", "backtest", "--synthetic", "1", "--model", "double-seasonal", "--json");

        var improvements = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("horizon").GetString()!,
            r => 1 - (r.GetProperty("mape").GetDouble() / r.GetProperty("seasonal_naive_weekly_mape").GetDouble()));
        Assert.True(improvements["PT1H"] >= 0.30 && improvements["PT6H"] >= 0.30 && improvements["P1D"] >= 0.15 && improvements["P2D"] >= 0.15, output);
    }

    [Fact]
    public async Task AddBeliefs_KeepsTheData_AndSaysHowToQueueForecastsLater_WhenRedisIsDown()
    {
        await using var database = await SensorDatabaseAsync();
        var environment = new Dictionary<string, string?>(database.Environment) { ["FLEXMEASURES_REDIS_URL"] = "127.0.0.1:1" };

        var result = await Cli.RunAsync(environment, "", "add", "beliefs", MeterCsv(), "--sensor", "1", "--source", "meter", "--horizon", "PT0H");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8 beliefs stored", result.Output, StringComparison.Ordinal);
        Assert.Contains("the data is saved, but forecasting jobs could not be queued: the job queue at redis://127.0.0.1:1/0", result.Error, StringComparison.Ordinal);
        Assert.Contains(
            "flexmeasures add forecasts --sensor 1 --from 2021-05-02T01:00:00Z --until 2021-05-04T02:00:00Z --horizon 1 --horizon 6 --horizon 24 --horizon 48 --model auto --as-job",
            result.Error,
            StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(8, await db.TimedBeliefs.CountAsync());
    }

    [Fact]
    public async Task AddBeliefs_QueuesOneForecastingJobPerHorizon_AndJobsCommandsSeeThem()
    {
        await using var database = await SensorDatabaseAsync();
        var environment = await Cli.WithRedisAsync(database);

        var imported = await Cli.RunAsync(environment, "", "add", "beliefs", MeterCsv(), "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var again = await Cli.RunAsync(environment, "", "add", "beliefs", MeterCsv(), "--sensor", "1", "--source", "meter", "--horizon", "PT0H");
        var list = await Cli.RunAsync(environment, "", "jobs", "list", "--queue", "forecasting", "--state", "queued", "--json");
        var jobs = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
        var show = await Cli.RunAsync(environment, "", "jobs", "show", jobs[0].GetProperty("id").GetString()!);
        var stats = await Cli.RunAsync(environment, "", "jobs", "stats");
        var cleared = await Cli.RunAsync(environment, "", "jobs", "clear-queue", "--queue", "forecasting");

        Assert.Contains("Queued 4 forecasting jobs.", imported.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("forecasting jobs", again.Output, StringComparison.Ordinal);
        Assert.Equal(4, jobs.Count);
        Assert.All(jobs, j => Assert.StartsWith("ForecastJob(1, 2021-05-0", j.GetProperty("job").GetString(), StringComparison.Ordinal));
        Assert.Contains("state:     queued", show.Output, StringComparison.Ordinal);
        Assert.Contains("Enqueued", show.Output, StringComparison.Ordinal);
        Assert.Contains("4 queued, 0 running", stats.Output, StringComparison.Ordinal);
        Assert.Contains("Deleted 4 queued jobs of queue forecasting.", cleared.Output, StringComparison.Ordinal);
    }

    /// <summary>Every forecast row as (event, horizon, source name, value bits), in a fixed order.</summary>
    private static async Task<List<(DateTime, TimeSpan, string, long)>> ForecastRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var rows = await db.TimedBeliefs.Where(b => b.BeliefHorizon > TimeSpan.Zero)
            .Join(db.DataSources, b => b.SourceId, s => s.Id, (b, s) => new { b.EventStart, b.BeliefHorizon, s.Name, b.EventValue })
            .ToListAsync();
        return [.. rows.Select(r => (r.EventStart, r.BeliefHorizon, r.Name, BitConverter.DoubleToInt64Bits(r.EventValue))).Order()];
    }

    /// <summary>Eight quarter hours of meter readings for the 15-min MW sensor 1.</summary>
    private string MeterCsv()
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["datetime,value", .. Enumerable.Range(0, 8).Select(i => $"2021-05-02T{i / 4:00}:{i % 4 * 15:00}:00Z,{i}")]);
        return path;
    }

    private static async Task<TestDatabase> SensorDatabaseAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await Ok(database, "add", "account", "--name", "A");
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "battery", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        return database;
    }

    /// <summary>Sensor 1: 6 weeks of half-hourly synthetic demand from 2024-01-01 as measurements.</summary>
    private static async Task<TestDatabase> DemandDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "demand");
        structure.Sensor.EventResolution = TimeSpan.FromMinutes(30);
        await db.SaveChangesAsync();
        var demand = SyntheticDemand.HalfHourly(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 6, seed: 2);
        await new BeliefStore(db).SaveAsync(
            structure.Sensor.Id,
            structure.Source.Id,
            demand.Values.Select((v, i) => new NewBelief(demand.TimeAt(i), TimeSpan.Zero, v!.Value)),
            allowOverwrite: false,
            CancellationToken.None);
        return database;
    }
}

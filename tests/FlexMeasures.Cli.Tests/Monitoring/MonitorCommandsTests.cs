using FlexMeasures.Data.Database;
using FlexMeasures.Data.TaskRuns;
using FlexMeasures.Testing;

namespace FlexMeasures.Cli.Tests.Monitoring;

public sealed class MonitorCommandsTests
{
    [Theory]
    [BothProviders]
    public async Task LatestRun_PassesOnlyForARecentSuccessfulRun(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.LatestTaskRuns.AddRange(
                new LatestTaskRun { Name = "recent", Datetime = DateTime.UtcNow.AddMinutes(-5), Status = true },
                new LatestTaskRun { Name = "stale", Datetime = DateTime.UtcNow.AddHours(-3), Status = true },
                new LatestTaskRun { Name = "broken", Datetime = DateTime.UtcNow.AddMinutes(-1), Status = false });
            await db.SaveChangesAsync();
        }

        var recent = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "recent", "--max-minutes", "60");
        var stale = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "stale", "--max-minutes", "60");
        var broken = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "broken", "--max-minutes", "60");
        var never = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "never", "--max-minutes", "60");

        Assert.Equal(0, recent.ExitCode);
        Assert.Contains("Task 'recent' last ran successfully at ", recent.Output, StringComparison.Ordinal);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("longer ago than the allowed 60 minutes", stale.Error, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("and failed", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, never.ExitCode);
        Assert.Contains("Task 'never' has no recorded run.", never.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestRun_RecordsAndChecksTheBackupTask()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("fm-monitor-").FullName;
        try
        {
            await Cli.RunAsync(database, "db", "dump", "--output", folder);

            var result = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "db-dump", "--max-minutes", "10");

            Assert.Equal(0, result.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public async Task LatestRun_RejectsABadMaxMinutes(string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "monitor", "latest-run", "--task", "x", "--max-minutes", value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--max-minutes", result.Error, StringComparison.Ordinal);
    }
}

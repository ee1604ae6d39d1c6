using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Cli.Tests.Database;

public sealed class DbCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fm-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task UpgradeCurrentHistoryDowngrade_ReportWhereTheDatabaseStands(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var before = await Cli.RunAsync(database, "db", "current");
        var upgrade = await Cli.RunAsync(database, "db", "upgrade");
        var current = await Cli.RunAsync(database, "db", "current");
        var downgrade = await Cli.RunAsync(database, "db", "downgrade");
        var history = await Cli.RunAsync(database, "db", "history");
        var again = await Cli.RunAsync(database, "db", "upgrade");

        Assert.Equal((0, 0, 0, 0, 0, 0), (before.ExitCode, upgrade.ExitCode, current.ExitCode, downgrade.ExitCode, history.ExitCode, again.ExitCode));
        Assert.StartsWith("base (2 pending", before.Output, StringComparison.Ordinal);
        Assert.Contains("base -> ", upgrade.Output, StringComparison.Ordinal);
        Assert.EndsWith("_AnnotationsAndAuditLogs (head)", current.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("_AnnotationsAndAuditLogs -> ", downgrade.Output, StringComparison.Ordinal);
        var lines = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^  \d{14}_AnnotationsAndAuditLogs  \[pending\] \(head\)$", lines[0]);
        Assert.Matches(@"^\* \d{14}_InitialStructure  \[applied\] \(current\)$", lines[1]);
        Assert.Equal("  base", lines[2]);
        var tables = await Catalogue.TablesAsync(database);
        Assert.All(Catalogue.FlexMeasuresTables, table => Assert.Contains(table, tables));
    }

    [Theory]
    [BothProviders]
    public async Task Downgrade_ToAnUnknownRevision_FailsWithTheKnownOnes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync(database, "db", "downgrade", "Nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown revision 'Nope'. Known revisions: base, ", result.Error, StringComparison.Ordinal);
        Assert.Contains("annotation", await Catalogue.TablesAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task Reset_ChangesNothing_WhenNotConfirmed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await AddStructureAsync(database);

        var declined = await Cli.RunWithInputAsync(database, "n\n", "db", "reset");
        var accountsAfterDecline = await CountAccountsAsync(database);
        var confirmed = await Cli.RunWithInputAsync(database, "yes\n", "db", "reset");

        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("Aborted: nothing was changed.", declined.Error, StringComparison.Ordinal);
        Assert.Equal(1, accountsAfterDecline);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(0, await CountAccountsAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task DowngradeBase_RefusesWithTheRowsItWouldDestroy_WhenNotConfirmed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await AddStructureAsync(database);

        var script = await Cli.RunAsync(database, "db", "downgrade", "base");
        var declined = await Cli.RunWithInputAsync(database, "n\n", "db", "downgrade", "base");
        var accountsAfterRefusals = await CountAccountsAsync(database);

        Assert.Equal((1, 1), (script.ExitCode, declined.ExitCode));
        Assert.Contains("No answer on standard input: pass --yes to confirm without a question.", script.Error, StringComparison.Ordinal);
        Assert.Contains("Aborted: nothing was changed.", declined.Error, StringComparison.Ordinal);
        Assert.Contains("destroys:", script.Output, StringComparison.Ordinal);
        Assert.Contains("  account (1 rows)", script.Output, StringComparison.Ordinal);
        Assert.Contains("  sensor (1 rows)", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("annotation (", script.Output, StringComparison.Ordinal);
        Assert.Equal(1, accountsAfterRefusals);
        Assert.Contains("account", await Catalogue.TablesAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task DowngradeBase_DropsEverything_WithYesOrForce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await AddStructureAsync(database);

        var forced = await Cli.RunAsync(database, "db", "downgrade", "base", "--force");
        await Cli.RunAsync(database, "db", "upgrade");
        await AddStructureAsync(database);

        var confirmed = await Cli.RunAsync(database, "db", "downgrade", "base", "--yes");

        Assert.Equal((0, 0), (forced.ExitCode, confirmed.ExitCode));
        Assert.Contains("-> base.", confirmed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("account", await Catalogue.TablesAsync(database));
    }

    [Theory]
    [InlineData("db", "reset")]
    [InlineData("delete", "structure")]
    [InlineData("delete", "measurements")]
    public async Task DestructiveCommands_TakeYesAndForceAlike(string group, string command)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await AddStructureAsync(database);

        var withYes = await Cli.RunAsync(database, group, command, "--yes");
        var withForce = await Cli.RunAsync(database, group, command, "--force");

        Assert.Equal((0, 0), (withYes.ExitCode, withForce.ExitCode));
        Assert.Equal("", withYes.Error + withForce.Error);
    }

    [Theory]
    [BothProviders]
    public async Task DumpAndRestore_RoundTripTheData(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await AddStructureAsync(database);

        var dump = await Cli.RunAsync(database, "db", "dump", "--output", _folder);
        var file = Assert.Single(Directory.GetFiles(_folder));
        await Cli.RunAsync(database, "db", "reset", "--yes");
        var restore = await Cli.RunAsync(database, "db", "restore", file, "--yes");

        Assert.Equal(0, dump.ExitCode);
        Assert.Equal($"Backup written to {file}", dump.Output.Trim());
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(1, await CountAccountsAsync(database));
    }

    [Fact]
    public async Task Restore_FailsClearly_WhenTheFileDoesNotExist()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "db", "restore", Path.Combine(_folder, "missing.dump"), "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.dump' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_PrintsTheSuperuserSql_WhenExtensionsCannotBeCreated()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, withExtensions: false);

        var result = await Cli.RunAsync(database, "db", "upgrade");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance;", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mermaid", "erDiagram")]
    [InlineData("dot", "digraph flexmeasures")]
    public async Task ShowDataModel_PrintsTextFormats(string format, string start)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "db", "show-data-model", "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(start, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowDataModel_WritesPng_AndAsksForAFileOtherwise()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var png = Path.Combine(_folder, "model.png");

        var withoutFile = await Cli.RunAsync(database, "db", "show-data-model", "--format", "png");
        var withFile = await Cli.RunAsync(database, "db", "show-data-model", "--format", "png", "--output", png);

        Assert.Equal(1, withoutFile.ExitCode);
        Assert.Contains("give a file with --output", withoutFile.Error, StringComparison.Ordinal);
        Assert.Equal(0, withFile.ExitCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(png))[..4]);
    }

    [Fact]
    public async Task AnyCommand_NamesTheSetting_WhenTheDatabaseUrlIsUnusable()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string?> { ["FLEXMEASURES_DATABASE_URL"] = "mysql://u@h/db" }, "", "db", "current");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Configuration FLEXMEASURES_DATABASE_URL: unsupported scheme 'mysql'; use postgresql:// or sqlite:///.", result.Error.Trim());
    }

    [Fact]
    public async Task AnyCommand_SaysTheDatabaseIsUnreachable_WithoutAStackTrace()
    {
        var result = await Cli.RunAsync(
            new Dictionary<string, string?> { ["FLEXMEASURES_DATABASE_URL"] = "postgresql://fm:pw@127.0.0.1:1/fm" }, "", "db", "current");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: cannot reach the database", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fm:pw", result.Error, StringComparison.Ordinal);
    }

    /// <summary>One account with an asset and a sensor: rows for the destructive commands to destroy (or keep).</summary>
    private static async Task AddStructureAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        await TestStructure.CreateAsync(db);
    }

    private static async Task<int> CountAccountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Accounts.CountAsync();
    }
}

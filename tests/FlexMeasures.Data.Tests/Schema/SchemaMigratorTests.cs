using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Tests.Schema;

public sealed class SchemaMigratorTests
{
    [Theory]
    [BothProviders]
    public async Task UpgradeAsync_CreatesFlexMeasuresTables_WhenDatabaseIsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var status = await database.Migrator.UpgradeAsync(null, CancellationToken.None);

        Assert.Empty(status.Pending);
        var tables = await Catalogue.TablesAsync(database);
        Assert.All(Catalogue.FlexMeasuresTables, table => Assert.Contains(table, tables));
    }

    [Theory]
    [BothProviders]
    public async Task UpgradeAsync_KeysTimedBeliefsAsFlexMeasuresDoes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var indexes = await Catalogue.IndexColumnsAsync(database, "timed_belief");

        Assert.Contains("event_start,belief_horizon,cumulative_probability,sensor_id,source_id", indexes.Values);
        Assert.Equal("sensor_id,event_start", indexes["timed_belief_search_session_singleevent_idx"]);
    }

    [Theory]
    [BothProviders]
    public async Task DowngradeAndUpgrade_WalkTheRevisions_DownToBaseAndBackAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var first = (await database.Migrator.GetStatusAsync(CancellationToken.None)).Revisions[0];

        var atFirst = await database.Migrator.DowngradeAsync(first.Id, CancellationToken.None);
        var tablesAtFirst = await Catalogue.TablesAsync(database);
        var atBase = await database.Migrator.DowngradeAsync(null, CancellationToken.None);
        var tablesAtBase = await Catalogue.TablesAsync(database);
        var atHead = await database.Migrator.UpgradeAsync(null, CancellationToken.None);
        var tablesAtHead = await Catalogue.TablesAsync(database);

        Assert.Equal(first.Id, atFirst.Current?.Id);
        Assert.Contains("timed_belief", tablesAtFirst);
        Assert.DoesNotContain("annotation", tablesAtFirst);
        Assert.Null(atBase.Current);
        Assert.DoesNotContain("timed_belief", tablesAtBase);
        Assert.Equal(atHead.Latest, atHead.Current);
        Assert.All(Catalogue.FlexMeasuresTables, table => Assert.Contains(table, tablesAtHead));
    }

    [Theory]
    [BothProviders]
    public async Task Model_HasNoChangesWithoutAMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes that no {provider} migration holds: run scripts/add-migration.sh.");
    }

    [Theory]
    [BothProviders]
    public async Task DowngradeAsync_Refuses_WhenNoRevisionIsApplied(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var error = await Assert.ThrowsAsync<SchemaException>(() => database.Migrator.DowngradeAsync(null, CancellationToken.None));

        Assert.Contains("nothing to downgrade", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task UpgradeAsync_NamesKnownRevisions_WhenTargetIsUnknown(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var error = await Assert.ThrowsAsync<SchemaException>(() => database.Migrator.UpgradeAsync("NoSuchRevision", CancellationToken.None));

        Assert.Contains("Unknown revision 'NoSuchRevision'", error.Message, StringComparison.Ordinal);
        Assert.Contains("InitialStructure", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Catalogue.TablesAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task ResetAsync_LeavesAnEmptyDatabaseAtTheLatestRevision(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            await TestStructure.CreateAsync(db);
        }

        var status = await database.Migrator.ResetAsync(CancellationToken.None);

        await using var after = database.CreateContext();
        Assert.Equal(status.Latest, status.Current);
        Assert.Equal(0, await after.Accounts.CountAsync());
        Assert.Equal(0, await after.Sensors.CountAsync());
    }

    [Fact]
    public async Task UpgradeAsync_GivesTheSuperuserSql_WhenTheExtensionsCannotBeCreated()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, withExtensions: false);

        var error = await Assert.ThrowsAsync<SchemaException>(() => database.Migrator.UpgradeAsync(null, CancellationToken.None));

        Assert.Contains("CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance;", error.Message, StringComparison.Ordinal);
        Assert.Contains($"psql -d {database.Name}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("timed_belief", await Catalogue.TablesAsync(database));
    }

    [Fact]
    public async Task UpgradeAsync_CreatesTheExtensions_OnPostgres()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var db = database.CreateContext();

        var distance = await db.Database
            .SqlQueryRaw<double>("SELECT earth_distance(ll_to_earth(52.37, 4.90), ll_to_earth(51.92, 4.48)) AS \"Value\"")
            .SingleAsync();

        Assert.InRange(distance, 57_000, 59_000);
    }

    [Fact]
    public async Task EnsureReadyAsync_MigratesTheEmbeddedDatabase_OnFirstUse()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await database.Migrator.EnsureReadyAsync(CancellationToken.None);

        Assert.Empty((await database.Migrator.GetStatusAsync(CancellationToken.None)).Pending);
    }

    [Fact]
    public async Task EnsureReadyAsync_AsksForAnUpgrade_WhenPostgresIsBehind()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);

        var error = await Assert.ThrowsAsync<SchemaException>(() => database.Migrator.EnsureReadyAsync(CancellationToken.None));

        Assert.Contains("Run `flexmeasures db upgrade`", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Catalogue.TablesAsync(database));
    }
}

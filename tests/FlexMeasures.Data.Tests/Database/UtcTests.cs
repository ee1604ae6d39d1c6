using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Backups;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Database;

/// <summary>Instants are UTC inside, whatever the PostgreSQL server's own timezone setting.</summary>
public sealed class UtcTests
{
    private static readonly DateTime EventStart = new(2021, 3, 28, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Instants_SurviveWriteReadDumpAndRestore_WhenServerTimezoneIsSeoul()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgresTimezone: "Asia/Seoul");
        await database.Migrator.UpgradeAsync(null, CancellationToken.None);
        Assert.Equal("Asia/Seoul", await ServerTimezoneAsync(database.Name));

        await using (var db = database.CreateContext())
        {
            var structure = await TestStructure.CreateAsync(db);
            db.TimedBeliefs.Add(new TimedBelief
            {
                EventStart = EventStart,
                BeliefHorizon = TimeSpan.FromHours(-1),
                EventValue = 21,
                SensorId = structure.Sensor.Id,
                SourceId = structure.Source.Id,
            });
            await db.SaveChangesAsync();
        }

        var readBack = await ReadEventStartAsync(database);
        var folder = Directory.CreateTempSubdirectory("fm-dump-").FullName;
        try
        {
            var backup = database.Services.GetRequiredService<DatabaseBackup>();
            var dump = await backup.DumpAsync(folder, CancellationToken.None);
            await backup.RestoreAsync(dump, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var restored = await ReadEventStartAsync(database);
        Assert.Equal(EventStart, readBack);
        Assert.Equal(DateTimeKind.Utc, readBack.Kind);
        Assert.Equal(EventStart, restored);
    }

    [Theory]
    [BothProviders]
    public async Task Instants_ComeBackAsUtc(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            var structure = await TestStructure.CreateAsync(db);
            db.TimedBeliefs.Add(new TimedBelief
            {
                EventStart = EventStart,
                BeliefHorizon = TimeSpan.FromMinutes(-30),
                EventValue = 1,
                SensorId = structure.Sensor.Id,
                SourceId = structure.Source.Id,
            });
            await db.SaveChangesAsync();
        }

        var readBack = await ReadEventStartAsync(database);

        Assert.Equal(EventStart, readBack);
        Assert.Equal(DateTimeKind.Utc, readBack.Kind);
    }

    private static async Task<DateTime> ReadEventStartAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.TimedBeliefs.AsNoTracking().Select(b => b.EventStart).SingleAsync();
    }

    private static async Task<string> ServerTimezoneAsync(string databaseName)
    {
        // A connection that does not set its own session timezone sees the database's setting.
        await using var connection = await TestServices.OpenPostgresAdminAsync(databaseName);
        await using var command = connection.CreateCommand();
        command.CommandText = "SHOW timezone";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

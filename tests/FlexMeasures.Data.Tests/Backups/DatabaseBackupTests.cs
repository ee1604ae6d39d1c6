using System.Text.RegularExpressions;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Backups;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Backups;

public sealed partial class DatabaseBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fm-backup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task DumpThenRestore_BringsBackTheDataAndKeepsIdsGoing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        int sensorId;
        await using (var db = database.CreateContext())
        {
            var structure = await TestStructure.CreateAsync(db);
            sensorId = structure.Sensor.Id;
            db.TimedBeliefs.Add(new TimedBelief
            {
                EventStart = new DateTime(2021, 5, 2, 0, 0, 0, DateTimeKind.Utc),
                BeliefHorizon = TimeSpan.FromHours(2),
                CumulativeProbability = 0.2,
                EventValue = 91.3,
                SensorId = structure.Sensor.Id,
                SourceId = structure.Source.Id,
            });
            await db.SaveChangesAsync();
        }

        var backup = database.Services.GetRequiredService<DatabaseBackup>();
        var file = await backup.DumpAsync(_folder, CancellationToken.None);
        await using (var db = database.CreateContext())
        {
            await db.Accounts.ExecuteDeleteAsync();
            db.Accounts.Add(new Account { Name = "made after the backup" });
            await db.SaveChangesAsync();
        }

        await backup.RestoreAsync(file, CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.Matches(BackupName(), Path.GetFileName(file));
        Assert.Equal(["test account"], await check.Accounts.Select(a => a.Name).ToListAsync());
        var belief = await check.TimedBeliefs.AsNoTracking().SingleAsync();
        Assert.Equal((sensorId, TimeSpan.FromHours(2), 0.2, 91.3), (belief.SensorId, belief.BeliefHorizon, belief.CumulativeProbability, belief.EventValue));
        var newAccount = new Account { Name = "after restore" };
        check.Accounts.Add(newAccount);
        await check.SaveChangesAsync();
        Assert.True(newAccount.Id > (await check.Accounts.MinAsync(a => a.Id)));
    }

    [Theory]
    [BothProviders]
    public async Task RestoreAsync_RefusesAFileThatIsNoBackup_AndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            await TestStructure.CreateAsync(db);
        }

        var bogus = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(bogus, "not a backup");

        var error = await Assert.ThrowsAsync<BackupException>(
            () => database.Services.GetRequiredService<DatabaseBackup>().RestoreAsync(bogus, CancellationToken.None));

        await using var check = database.CreateContext();
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await check.Accounts.CountAsync());
    }

    [GeneratedRegex(@"^(pgbackup|sqlitebackup)_[A-Za-z0-9_.-]+_\d{4}-\d{2}-\d{2}-\d{4}\.(dump|db)$")]
    private static partial Regex BackupName();
}

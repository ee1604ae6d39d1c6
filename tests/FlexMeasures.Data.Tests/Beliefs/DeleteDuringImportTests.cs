using System.Data.Common;
using System.Runtime.CompilerServices;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>
/// Deleting a sensor or a data source while a large import into it is half-way (its first chunk written, the
/// rest still coming): whichever goes first, no belief is left without its sensor or source, an import that
/// reported success lost nothing the deletion did not ask to remove, and other sensors' data is untouched
/// (docs/decisions/0018).
/// </summary>
public sealed class DeleteDuringImportTests
{
    private const int Beliefs = (2 * BeliefStore.ChunkSize) + 1000;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task DeleteSensor_LeavesNoOrphans_WhenAnImportIntoItIsHalfWay(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, other, source) = await SeedAsync(database);

        // Whichever goes first (the import, or the deletion and then the import refused as a whole), the sensor goes with all its beliefs.
        var (_, deleted) = await DeleteDuringImportAsync(database, sensor, source, async scope =>
            await scope.ServiceProvider.GetRequiredService<SensorService>().DeleteAsync(sensor, CancellationToken.None));

        Assert.True(deleted is null, $"deleting the sensor failed: {deleted}");
        await using var db = database.CreateContext();
        Assert.False(await db.Sensors.AnyAsync(s => s.Id == sensor));
        Assert.Equal(0, await db.TimedBeliefs.CountAsync(b => b.SensorId == sensor));
        Assert.Equal(0, await OrphansAsync(db));
        Assert.Equal(24, await db.TimedBeliefs.CountAsync(b => b.SensorId == other));
    }

    [Theory]
    [BothProviders]
    public async Task DeleteSource_IsRefusedOrRefusesTheImport_WhenAnImportFromItIsHalfWay(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, other, source) = await SeedAsync(database);

        var (imported, deleted) = await DeleteDuringImportAsync(database, sensor, source, async scope =>
        {
            var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
            await db.DataSources.Where(s => s.Id == source).ExecuteDeleteAsync();
        });

        await using var db = database.CreateContext();
        Assert.Equal(0, await OrphansAsync(db));
        Assert.Equal(24, await db.TimedBeliefs.CountAsync(b => b.SensorId == other));
        if (imported is null)
        {
            // The import went first and kept every belief; the source, now in use, could not go.
            Assert.IsAssignableFrom<DbException>(deleted?.GetBaseException());
            Assert.True(await db.DataSources.AnyAsync(s => s.Id == source));
            Assert.Equal(Beliefs, await db.TimedBeliefs.CountAsync(b => b.SensorId == sensor));
        }
        else
        {
            Assert.Equal(0, await db.TimedBeliefs.CountAsync(b => b.SensorId == sensor));
        }
    }

    /// <summary>
    /// Starts an import of <see cref="Beliefs"/> beliefs and, once its first chunk is handed to the store and it waits
    /// for more input, the deletion; a second later the rest of the input follows. Both outcomes (null: success).
    /// </summary>
    private static async Task<(Exception? Import, Exception? Delete)> DeleteDuringImportAsync(
        TestDatabase database, int sensor, int source, Func<AsyncServiceScope, Task> delete)
    {
        var halfWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var import = Task.Run(async () =>
        {
            await using var scope = database.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(
                sensor, source, InputAsync(halfWay, rest.Task), allowOverwrite: false, progress: null, CancellationToken.None);
        });
        var deletion = Task.Run(async () =>
        {
            await halfWay.Task;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var scope = database.Services.CreateAsyncScope();
            await delete(scope);
        });

        await Task.WhenAny(halfWay.Task, import);
        await Task.WhenAny(deletion, Task.Delay(TimeSpan.FromSeconds(2)));
        rest.SetResult();
        var both = Task.WhenAll(Outcome(import), Outcome(deletion));
        var outcomes = await both.WaitAsync(TimeSpan.FromMinutes(2));
        return (outcomes[0], outcomes[1]);

        static async Task<Exception?> Outcome(Task task)
        {
            try
            {
                await task;
                return null;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or FlexMeasures.Data.Validation.InvalidInputException)
            {
                return e;
            }
        }
    }

    private static async IAsyncEnumerable<NewBelief> InputAsync(TaskCompletionSource halfWay, Task rest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < Beliefs; i++)
        {
            if (i == BeliefStore.ChunkSize + 10)
            {
                halfWay.SetResult();
                await rest.WaitAsync(cancellationToken);
            }

            yield return new NewBelief(Start.AddMinutes(15 * i), TimeSpan.Zero, i % 97);
        }
    }

    private static Task<int> OrphansAsync(FlexMeasuresDbContext db) =>
        db.TimedBeliefs.CountAsync(b => !db.Sensors.Any(s => s.Id == b.SensorId) || !db.DataSources.Any(s => s.Id == b.SourceId));

    private static async Task<(int Sensor, int Other, int Source)> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var asset = new GenericAsset { Name = "site", GenericAssetType = new GenericAssetType { Name = "building" } };
        var sensor = new Sensor { Name = "meter", Unit = "kW", Timezone = "UTC", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = asset };
        var other = new Sensor { Name = "other meter", Unit = "kW", Timezone = "UTC", EventResolution = TimeSpan.FromHours(1), GenericAsset = asset };
        var source = new DataSource { Name = "meter reader", Type = "CLI script" };
        var otherSource = new DataSource { Name = "other reader", Type = "CLI script" };
        db.AddRange(sensor, other, source, otherSource);
        await db.SaveChangesAsync();
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(
            other.Id, otherSource.Id, Enumerable.Range(0, 24).Select(h => new NewBelief(Start.AddHours(h), TimeSpan.Zero, h)), false, CancellationToken.None);
        return (sensor.Id, other.Id, source.Id);
    }
}

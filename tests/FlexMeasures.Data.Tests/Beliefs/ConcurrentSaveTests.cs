using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>Writers of the same sensor and source at the same time get the answers sequential writers would.</summary>
public sealed class ConcurrentSaveTests
{
    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(6);

    [Theory]
    [BothProviders]
    public async Task Save_StoresEveryForecastOnce_WhenWritersOfOverlappingWindowsRunAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensorId, sourceId) = await SensorAndSourceAsync(database);

        // Six workers, each two days of hourly forecasts, every window overlapping the next by a day: as forecast
        // jobs of overlapping windows recompute the same beliefs.
        var results = await AtOnceAsync(database, 6, (worker, store) =>
        {
            var beliefs = Enumerable.Range(worker * 24, 48).Select(hour => new NewBelief(Day.AddHours(hour), Horizon, hour * 1.5)).ToList();
            return store.SaveAsync(sensorId, sourceId, beliefs, allowOverwrite: false, CancellationToken.None);
        });

        Assert.Equal(24 * 7, results.Sum(r => r.Stored));
        Assert.Equal(6 * 48, results.Sum(r => r.Stored + r.Duplicates));
        await using var db = database.CreateContext();
        Assert.Equal(24 * 7, await db.TimedBeliefs.CountAsync(b => b.SensorId == sensorId));
    }

    [Theory]
    [BothProviders]
    public async Task Save_RefusesTheReplacement_WhenTwoWritersSendOtherValuesForTheSameBeliefsAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensorId, sourceId) = await SensorAndSourceAsync(database);

        var outcomes = await AtOnceAsync(database, 2, async (writer, store) =>
        {
            var beliefs = Enumerable.Range(0, 24).Select(hour => new NewBelief(Day.AddHours(hour), Horizon, writer + 1)).ToList();
            try
            {
                await store.SaveAsync(sensorId, sourceId, beliefs, allowOverwrite: false, CancellationToken.None);
                return "stored";
            }
            catch (ReplacementRefusedException)
            {
                return "refused";
            }
        });

        Assert.Equal(["refused", "stored"], outcomes.Order());
        await using var db = database.CreateContext();
        Assert.Single(await db.TimedBeliefs.Where(b => b.SensorId == sensorId).Select(b => b.EventValue).Distinct().ToListAsync());
        Assert.Equal(24, await db.TimedBeliefs.CountAsync(b => b.SensorId == sensorId));
    }

    /// <summary>Runs <paramref name="count"/> writers, each with its own scope's store, released at the same moment.</summary>
    private static async Task<T[]> AtOnceAsync<T>(TestDatabase database, int count, Func<int, BeliefStore, Task<T>> write)
    {
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, count).Select(async writer =>
        {
            await start.WaitAsync();
            await using var scope = database.Services.CreateAsyncScope();
            return await write(writer, scope.ServiceProvider.GetRequiredService<BeliefStore>());
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(writers);
    }

    private static async Task<(int Sensor, int Source)> SensorAndSourceAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var asset = new GenericAsset { Name = "site", GenericAssetType = new GenericAssetType { Name = "building" } };
        var sensor = new Sensor { Name = "demand", Unit = "kW", Timezone = "UTC", EventResolution = TimeSpan.FromHours(1), GenericAsset = asset };
        var source = new DataSource { Name = "forecaster", Type = "forecaster", Model = "naive", Version = "1" };
        db.AddRange(sensor, source);
        await db.SaveChangesAsync();
        return (sensor.Id, source.Id);
    }
}

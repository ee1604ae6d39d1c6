using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Tests.Database;

/// <summary>Keys, unique constraints and cascades as FlexMeasures has them.</summary>
public sealed class ConstraintTests
{
    [Theory]
    [BothProviders]
    public async Task DeletingASensor_DeletesItsBeliefs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db);
        db.TimedBeliefs.AddRange(Beliefs(structure, 3));
        await db.SaveChangesAsync();

        await db.Sensors.Where(s => s.Id == structure.Sensor.Id).ExecuteDeleteAsync();

        Assert.Equal(0, await db.TimedBeliefs.CountAsync());
        Assert.Equal(1, await db.DataSources.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task DeletingAnAccount_DeletesItsAssetsAndTheirSensors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db);
        db.GenericAssets.Add(new GenericAsset { Name = "child", ParentAsset = structure.Asset, AccountId = structure.Account.Id, GenericAssetTypeId = structure.AssetType.Id });
        await db.SaveChangesAsync();

        await db.Accounts.Where(a => a.Id == structure.Account.Id).ExecuteDeleteAsync();

        Assert.Equal(0, await db.GenericAssets.CountAsync());
        Assert.Equal(0, await db.Sensors.CountAsync());
        Assert.Equal(1, await db.GenericAssetTypes.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SensorNames_AreUniquePerAsset(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db);

        db.Sensors.Add(new Sensor { Name = structure.Sensor.Name, GenericAssetId = structure.Asset.Id });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [BothProviders]
    public async Task AssetNames_AreUniqueAmongSiblingsAndPerAccountAtTheRoot(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var setup = database.CreateContext();
        var structure = await TestStructure.CreateAsync(setup);
        setup.GenericAssets.Add(new GenericAsset { Name = "pv", ParentAssetId = structure.Asset.Id, GenericAssetTypeId = structure.AssetType.Id, AccountId = structure.Account.Id });
        setup.GenericAssets.Add(new GenericAsset { Name = structure.Asset.Name, GenericAssetTypeId = structure.AssetType.Id });
        await setup.SaveChangesAsync();

        async Task<bool> CanAdd(GenericAsset asset)
        {
            await using var db = database.CreateContext();
            db.GenericAssets.Add(asset);
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }

        Assert.False(await CanAdd(new GenericAsset { Name = "pv", ParentAssetId = structure.Asset.Id, GenericAssetTypeId = structure.AssetType.Id }));
        Assert.False(await CanAdd(new GenericAsset { Name = structure.Asset.Name, AccountId = structure.Account.Id, GenericAssetTypeId = structure.AssetType.Id }));
        Assert.False(await CanAdd(new GenericAsset { Name = structure.Asset.Name, GenericAssetTypeId = structure.AssetType.Id }));
        Assert.True(await CanAdd(new GenericAsset { Name = "pv", AccountId = structure.Account.Id, GenericAssetTypeId = structure.AssetType.Id }));
    }

    [Theory]
    [BothProviders]
    public async Task TimedBeliefs_AreKeyedByEventHorizonProbabilitySensorAndSource(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var setup = database.CreateContext();
        var structure = await TestStructure.CreateAsync(setup);
        setup.TimedBeliefs.AddRange(Beliefs(structure, 1));
        var other = Beliefs(structure, 1)[0];
        other.CumulativeProbability = 0.9;
        setup.TimedBeliefs.Add(other);
        await setup.SaveChangesAsync();

        await using var db = database.CreateContext();
        db.TimedBeliefs.Add(Beliefs(structure, 1)[0]);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(2, await db.TimedBeliefs.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Durations_CompareAndSortAsDurations_IncludingNegativeHorizons(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db);
        TimeSpan[] horizons = [TimeSpan.FromHours(-1), TimeSpan.FromDays(2), TimeSpan.Zero, TimeSpan.FromMinutes(-90), TimeSpan.FromHours(6)];
        foreach (var horizon in horizons)
        {
            var belief = Beliefs(structure, 1)[0];
            belief.BeliefHorizon = horizon;
            db.TimedBeliefs.Add(belief);
        }

        await db.SaveChangesAsync();

        var measurements = await db.TimedBeliefs.Where(b => b.BeliefHorizon <= TimeSpan.Zero)
            .OrderBy(b => b.BeliefHorizon).Select(b => b.BeliefHorizon).ToListAsync();
        Assert.Equal([TimeSpan.FromMinutes(-90), TimeSpan.FromHours(-1), TimeSpan.Zero], measurements);
    }

    private static List<TimedBelief> Beliefs(TestStructure structure, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new TimedBelief
        {
            EventStart = new DateTime(2021, 5, 2, 0, 0, 0, DateTimeKind.Utc).AddMinutes(15 * i),
            BeliefHorizon = TimeSpan.Zero,
            EventValue = i,
            SensorId = structure.Sensor.Id,
            SourceId = structure.Source.Id,
        }),
    ];
}

using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;

namespace FlexMeasures.Testing;

/// <summary>A small structure to hang beliefs on: account, asset type, asset, sensor, data source.</summary>
public sealed record TestStructure(Account Account, GenericAssetType AssetType, GenericAsset Asset, Sensor Sensor, DataSource Source)
{
    public static async Task<TestStructure> CreateAsync(FlexMeasuresDbContext db, string prefix = "test")
    {
        var account = new Account { Name = $"{prefix} account" };
        var type = new GenericAssetType { Name = $"{prefix} battery" };
        var asset = new GenericAsset { Name = $"{prefix} asset", Account = account, GenericAssetType = type, Latitude = 52.37, Longitude = 4.9 };
        var sensor = new Sensor
        {
            Name = "power",
            Unit = "kW",
            Timezone = "Europe/Amsterdam",
            EventResolution = TimeSpan.FromMinutes(15),
            GenericAsset = asset,
        };
        var source = new DataSource { Name = $"{prefix} source", Type = "demo script" };
        db.AddRange(account, type, asset, sensor, source);
        await db.SaveChangesAsync();
        return new TestStructure(account, type, asset, sensor, source);
    }
}

using System.Globalization;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Schedules;

/// <summary>
/// A battery of the supplier's account: a 15-minute power sensor in MW, an instantaneous state-of-charge sensor in
/// MWh, and hourly day-ahead prices for <see cref="Day"/> (cheap at night, dear in the evening) known two days ahead.
/// </summary>
internal sealed record BatterySite(GenericAsset Asset, Sensor Power, Sensor StateOfCharge, Sensor Prices)
{
    public static readonly DateTime Day = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The belief time schedules are made at: the day before, at noon (the prices are known then).</summary>
    public static readonly DateTime Prior = Day.AddHours(-12);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);

    /// <summary>EUR/MWh for hour <paramref name="hour"/> of the day.</summary>
    public static double PriceAt(int hour) => hour switch
    {
        < 6 => 10,
        >= 17 and < 21 => 100,
        _ => 50,
    };

    public static async Task<BatterySite> CreateAsync(ApiWorld world, string assetType = "battery")
    {
        ArgumentNullException.ThrowIfNull(world);
        await using var scope = world.Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        // Each world has its own database, but several sites may share one: only "process" must keep its exact name.
        var type = new GenericAssetType { Name = assetType == "process" ? assetType : $"{assetType} {Guid.NewGuid():N}" };
        db.GenericAssetTypes.Add(type);
        await db.SaveChangesAsync();
        var asset = new GenericAsset { Name = $"battery {Guid.NewGuid():N}", AccountId = world.Supplier.Id, GenericAssetTypeId = type.Id };
        db.GenericAssets.Add(asset);
        await db.SaveChangesAsync();
        var power = new Sensor { Name = "power", Unit = "MW", EventResolution = TimeSpan.FromMinutes(15), Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id };
        var soc = new Sensor { Name = "state of charge", Unit = "MWh", EventResolution = TimeSpan.Zero, Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id };
        var prices = new Sensor { Name = "day-ahead prices", Unit = "EUR/MWh", EventResolution = TimeSpan.FromHours(1), Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id };
        db.Sensors.AddRange(power, soc, prices);
        var source = new DataSource { Name = "market", Type = "market" };
        db.DataSources.Add(source);
        await db.SaveChangesAsync();
        var beliefs = Enumerable.Range(0, 24).Select(h => new NewBelief(Day.AddHours(h), TimeSpan.FromDays(2), PriceAt(h)));
        await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(prices.Id, source.Id, beliefs, false, CancellationToken.None);
        return new BatterySite(asset, power, soc, prices);
    }
}

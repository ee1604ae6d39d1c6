using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Testing;

namespace FlexMeasures.Jobs.Tests.Forecasts;

public sealed class WeatherSensorsTests
{
    [Theory]
    [BothProviders]
    public async Task NearestAsync_PicksTheClosestStationWithASensorOfTheKind(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var station = new GenericAssetType { Name = WeatherSensors.WeatherStationType };
        var building = new GenericAssetType { Name = "building" };
        GenericAsset At(string name, GenericAssetType type, double latitude, double longitude) =>
            new() { Name = name, GenericAssetType = type, Latitude = latitude, Longitude = longitude };
        var rotterdam = At("Rotterdam", station, 51.92, 4.48);
        var schiphol = At("Schiphol", station, 52.31, 4.76);
        var utrecht = At("Utrecht", station, 52.09, 5.12);
        var office = At("office", building, 52.37, 4.90);
        db.AddRange(
            new Sensor { Name = "temperature", Unit = "°C", GenericAsset = rotterdam },
            new Sensor { Name = "wind speed", Unit = "m/s", GenericAsset = schiphol },
            new Sensor { Name = "Temperature (2 m)", Unit = "°C", GenericAsset = utrecht },
            new Sensor { Name = "temperature", Unit = "°C", GenericAsset = office });
        await db.SaveChangesAsync();

        var nearest = await new WeatherSensors(db).NearestAsync(52.37, 4.90, "temperature", CancellationToken.None);
        var wind = await new WeatherSensors(db).NearestAsync(52.37, 4.90, "wind speed", CancellationToken.None);
        var none = await new WeatherSensors(db).NearestAsync(52.37, 4.90, "irradiance", CancellationToken.None);

        // Amsterdam to Utrecht is about 35 km, to Rotterdam about 58 km; the building's own sensor is no weather station.
        Assert.Equal("Temperature (2 m)", nearest!.Value.Sensor.Name);
        Assert.InRange(nearest.Value.Distance, 34_000, 37_000);
        Assert.Equal("wind speed", wind!.Value.Sensor.Name);
        Assert.Null(none);
    }

    [Fact]
    public void Distance_MatchesEarthdistance_ForAmsterdamToRotterdam()
    {
        // earth_distance(ll_to_earth(52.37, 4.90), ll_to_earth(51.92, 4.48)) on PostgreSQL: see SchemaMigratorTests.
        Assert.InRange(WeatherSensors.Distance(52.37, 4.90, 51.92, 4.48), 57_000, 59_000);
        Assert.Equal(0, WeatherSensors.Distance(52.37, 4.90, 52.37, 4.90));
    }
}

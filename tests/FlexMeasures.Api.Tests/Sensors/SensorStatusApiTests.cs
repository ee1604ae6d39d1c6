using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Sensors;

/// <summary><c>GET /api/v3_0/sensors/{id}/status</c>: staleness per source type, by the server's clock.</summary>
public sealed class SensorStatusApiTests
{
    private static readonly DateTime Now = new(2021, 6, 7, 1, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task Status_TellsStalenessPerSourceType_ByTheServersClock(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        var sensor = await world.NewGasSensorAsync();
        var empty = await StatusAsync(world, sensor.Id);

        await using (var db = world.Database.CreateContext())
        {
            var meter = new DataSource { Name = "meter", Type = "user" };
            var model = new DataSource { Name = "model", Type = "forecaster" };
            db.DataSources.AddRange(meter, model);
            await db.SaveChangesAsync();
            db.TimedBeliefs.AddRange(
                Belief(sensor.Id, meter.Id, Now.AddMinutes(-30), TimeSpan.Zero), // known at 00:40

                // Known at 01:20, after now (and after the clock moves on below): not believed yet, so it does not count.
                Belief(sensor.Id, meter.Id, Now.AddMinutes(10), TimeSpan.Zero),
                Belief(sensor.Id, model.Id, Now.AddHours(2), TimeSpan.FromHours(3)));
            await db.SaveChangesAsync();
        }

        var fresh = await StatusAsync(world, sensor.Id);
        clock.Advance(TimeSpan.FromMinutes(10));
        var later = await StatusAsync(world, sensor.Id);

        var nothing = Assert.Single(empty);
        Assert.Equal("no data recorded", nothing["reason"]!.GetValue<string>());
        Assert.True(nothing["stale"]!.GetValue<bool>());
        Assert.Null(nothing["staleness"]);
        Assert.Null(nothing["source_type"]);
        Assert.Equal(sensor.Name, nothing["name"]!.GetValue<string>());
        Assert.Equal("PT10M", nothing["resolution"]!.GetValue<string>());
        Assert.Equal(world.SupplierAsset.Name, nothing["asset_name"]!.GetValue<string>());
        Assert.Equal("sensor belongs to this asset", nothing["relation"]!.GetValue<string>());

        var measured = fresh.Single(s => s["source_type"]!.GetValue<string>() == "user");
        Assert.Equal("PT20M", measured["staleness"]!.GetValue<string>());
        Assert.False(measured["stale"]!.GetValue<bool>());
        Assert.Equal("2021-06-07T00:40:00+00:00", measured["staleness_since"]!.GetValue<string>());
        Assert.Equal("most recent data is 20 minutes old, which is not more than 20 minutes old", measured["reason"]!.GetValue<string>());

        var forecast = fresh.Single(s => s["source_type"]!.GetValue<string>() == "forecaster");
        Assert.True(forecast["stale"]!.GetValue<bool>());
        Assert.Equal("PT2H", forecast["staleness"]!.GetValue<string>());
        Assert.Equal("most recent data is 2 hours in the future, but should be more than 12 hours in the future", forecast["reason"]!.GetValue<string>());

        var old = later.Single(s => s["source_type"]!.GetValue<string>() == "user");
        Assert.True(old["stale"]!.GetValue<bool>());
        Assert.Equal("most recent data is 30 minutes old, but should not be more than 20 minutes old", old["reason"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Status_Is401Or403Or404_WhenAnonymousOrAnotherAccountOrNoSuchSensor(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);

        var (anonymous, _) = await world.AsAsync(null, HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/status");
        var (other, otherBody) = await world.AsAsync("other", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/status");
        var (missing, _) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/sensors/999999/status");
        var (own, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/status");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Equal("INVALID_SENDER", otherBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.OK, own);
    }

    private static TimedBelief Belief(int sensorId, int sourceId, DateTime eventStart, TimeSpan horizon) =>
        new() { SensorId = sensorId, SourceId = sourceId, EventStart = eventStart, BeliefHorizon = horizon, EventValue = 1 };

    private static async Task<List<JsonNode>> StatusAsync(ApiWorld world, int sensorId)
    {
        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensorId}/status");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body!["sensors_data"]!.AsArray().Select(s => s!)];
    }
}

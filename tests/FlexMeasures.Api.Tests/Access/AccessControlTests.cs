using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;

namespace FlexMeasures.Api.Tests.Access;

/// <summary>FlexMeasures' permissions per role, against the supplier's objects (the "other" users are of another account).</summary>
public sealed class AccessControlTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    public static IEnumerable<object[]> Reads() => ProviderCases.Cross(
        ["supplier", "sensor", 200], ["supplier-admin", "sensor", 200], ["other", "sensor", 403], ["other-admin", "sensor", 403],
        ["consultant", "sensor", 200], ["admin", "sensor", 200], ["admin-reader", "sensor", 200], [null!, "sensor", 401],
        ["other", "public-sensor", 200], ["consultant", "public-sensor", 200], [null!, "public-sensor", 401],
        ["other", "asset", 403], ["consultant", "asset", 200], ["admin-reader", "asset", 200], ["supplier", "asset", 200],
        ["other", "account", 403], ["consultant", "account", 200], ["supplier", "account", 200], ["admin-reader", "account", 200],
        ["other", "user", 403], ["other-admin", "user", 403], ["consultant", "user", 200], ["supplier-admin", "user", 200], ["admin-reader", "user", 200]);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_IsAllowedPerRole(DatabaseProvider provider, string? user, string target, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var path = target switch
        {
            "sensor" => $"/api/v3_0/sensors/{world.GasSensor.Id}",
            "public-sensor" => $"/api/v3_0/sensors/{world.PublicSensor.Id}",
            "asset" => $"/api/v3_0/assets/{world.SupplierAsset.Id}",
            "account" => $"/api/v3_0/accounts/{world.Supplier.Id}",
            _ => $"/api/v3_0/users/{world.Users["supplier"].Id}",
        };

        var (status, body) = await world.AsAsync(user, HttpMethod.Get, path);

        Assert.Equal(expected, (int)status);
        if (expected == 403)
        {
            Assert.Equal("INVALID_SENDER", body!["status"]!.GetValue<string>());
        }
    }

    public static IEnumerable<object[]> SensorWrites() => ProviderCases.Cross(
        ["supplier", "PATCH", 403], ["supplier-admin", "PATCH", 200], ["other-admin", "PATCH", 403], ["consultant", "PATCH", 200],
        ["admin-reader", "PATCH", 403], ["admin", "PATCH", 200], [null!, "PATCH", 401],
        ["supplier", "DELETE", 403], ["other-admin", "DELETE", 403], ["admin-reader", "DELETE", 403], ["supplier-admin", "DELETE", 204],
        ["consultant", "DELETE", 204], ["admin", "DELETE", 204]);

    [Theory]
    [MemberData(nameof(SensorWrites))]
    public async Task SensorWrite_IsAllowedPerRole_AndChangesNothingWhenRefused(DatabaseProvider provider, string? user, string method, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = method == "PATCH" ? new JsonObject { ["name"] = $"renamed {sensor.Id}" } : null;

        var (status, _) = await world.AsAsync(user, new HttpMethod(method), $"/api/v3_0/sensors/{sensor.Id}", body);

        Assert.Equal(expected, (int)status);
        await using var db = world.Database.CreateContext();
        var stored = db.Sensors.SingleOrDefault(s => s.Id == sensor.Id);
        if (expected >= 400)
        {
            Assert.Equal(sensor.Name, stored!.Name);
        }
        else if (method == "DELETE")
        {
            Assert.Null(stored);
        }
        else
        {
            Assert.Equal($"renamed {sensor.Id}", stored!.Name);
        }
    }

    public static IEnumerable<object[]> DataPosts() => ProviderCases.Cross(
        ["supplier", 200], ["consultant", 200], ["admin", 200], ["other", 403], ["other-admin", 403], ["admin-reader", 403]);

    [Theory]
    [MemberData(nameof(DataPosts))]
    public async Task PostData_IsAllowedToMembersConsultantsAndAdmins(DatabaseProvider provider, string user, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, _) = await world.AsAsync(user, HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data",
            SensorData.SensorDataTests.Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        Assert.Equal(expected, (int)status);
        Assert.Equal(expected == 200 ? 6 : 0, await SensorData.SensorDataTests.CountAsync(world, sensor.Id));
    }

    public static IEnumerable<object[]> AssetWrites() => ProviderCases.Cross(
        ["supplier", "supplier", 200], ["other", "supplier", 403], ["admin-reader", "supplier", 403], ["consultant", "supplier", 200],
        ["supplier", "public", 403], ["supplier-admin", "public", 403], ["admin", "public", 200]);

    [Theory]
    [MemberData(nameof(AssetWrites))]
    public async Task AssetUpdate_IsAllowedPerRole_PublicAssetsToAdminsOnly(DatabaseProvider provider, string user, string target, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var asset = target == "public" ? world.PublicAsset : world.SupplierAsset;

        var (status, _) = await world.AsAsync(user, HttpMethod.Patch, $"/api/v3_0/assets/{asset.Id}", new JsonObject { ["latitude"] = 51.5, ["longitude"] = 5.5 });

        Assert.Equal(expected, (int)status);
    }

    [Theory]
    [MemberData(nameof(CrossAccountWrites))]
    public async Task CrossAccountWrites_Are403AndChangeNothing(DatabaseProvider provider, string user, string method, string target)
    {
        var world = await worlds.GetAsync(provider);
        var (path, body) = target switch
        {
            "asset-in-other-account" => ("/api/v3_0/assets", new JsonObject { ["name"] = "intruder", ["generic_asset_type_id"] = world.AssetType.Id, ["account_id"] = world.Other.Id }),
            "sensor-on-other-asset" => ("/api/v3_0/sensors", new JsonObject { ["name"] = "intruder", ["unit"] = "kW", ["event_resolution"] = "PT15M", ["generic_asset_id"] = world.OtherAsset.Id }),
            "password-reset" => ($"/api/v3_0/users/{world.Users["supplier"].Id}/password-reset", null),
            _ => ($"/api/v3_0/users/{world.Users["supplier"].Id}", new JsonObject { ["active"] = false }),
        };

        var (status, answer) = await world.AsAsync(user, new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("INVALID_SENDER", answer!["status"]!.GetValue<string>());
        await using var db = world.Database.CreateContext();
        Assert.False(db.GenericAssets.Any(a => a.Name == "intruder"));
        Assert.False(db.Sensors.Any(s => s.Name == "intruder"));
        Assert.True(db.Users.Single(u => u.Id == world.Users["supplier"].Id).Active);
    }

    public static IEnumerable<object[]> CrossAccountWrites() => ProviderCases.Cross(
        ["supplier-admin", "POST", "asset-in-other-account"],
        ["supplier-admin", "POST", "sensor-on-other-asset"],
        ["other-admin", "PATCH", "password-reset"],
        ["other-admin", "PATCH", "deactivate"],
        ["admin-reader", "PATCH", "deactivate"]);
}

using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Resources;

/// <summary>Sensors, assets, accounts, users and sources: listings, JSON keys, writes through the data services.</summary>
public sealed class ResourcesApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task ListSensors_IsAPlainListOfTheAccountsSensors_WithoutPage(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/sensors");
        var (withPublic, publicBody) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/sensors?include_public_assets=True");

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body!.AsArray().Select(s => s!["id"]!.GetValue<int>()).ToList();
        Assert.Contains(world.GasSensor.Id, ids);
        Assert.DoesNotContain(world.OtherSensor.Id, ids);
        Assert.DoesNotContain(world.PublicSensor.Id, ids);
        Assert.Equal(HttpStatusCode.OK, withPublic);
        Assert.Contains(world.PublicSensor.Id, publicBody!.AsArray().Select(s => s!["id"]!.GetValue<int>()));
        var gas = body.AsArray().Single(s => s!["id"]!.GetValue<int>() == world.GasSensor.Id)!;
        Assert.Equal("some gas sensor", gas["name"]!.GetValue<string>());
        Assert.Equal("m³/h", gas["unit"]!.GetValue<string>());
        Assert.Equal("PT10M", gas["event_resolution"]!.GetValue<string>());
        Assert.Equal("Europe/Amsterdam", gas["timezone"]!.GetValue<string>());
        Assert.Equal(world.SupplierAsset.Id, gas["generic_asset_id"]!.GetValue<int>());
        Assert.Equal($"ea1.2021-01.io.flexmeasures:fm1.{world.GasSensor.Id}", gas["entity_address"]!.GetValue<string>());
        Assert.Equal("{}", gas["attributes"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task ListSensors_PagesAndFiltersByAsset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (paged, page) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/sensors?page=1&per_page=1");
        var (byAsset, assetBody) = await world.AsAsync("admin", HttpMethod.Get, $"/api/v3_0/sensors?asset_id={world.OtherAsset.Id}");
        var (foreign, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors?account={world.Other.Id}");

        Assert.Equal(HttpStatusCode.OK, paged);
        Assert.Single(page!["data"]!.AsArray());
        Assert.True(page["num-records"]!.GetValue<int>() >= 2);
        Assert.Equal(HttpStatusCode.OK, byAsset);
        Assert.Equal([world.OtherSensor.Id], assetBody!.AsArray().Select(s => s!["id"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
    }

    [Theory]
    [BothProviders]
    public async Task Sensor_CanBeCreatedUpdatedAndDeleted_WithItsData(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (created, sensor) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/sensors", new JsonObject
        {
            ["name"] = "power'); DROP TABLE sensor; --",
            ["unit"] = "kW",
            ["event_resolution"] = "PT15M",
            ["timezone"] = "Europe/Amsterdam",
            ["generic_asset_id"] = world.SupplierAsset.Id,
            ["attributes"] = "{\"capacity_in_mw\": 0.5}",
        });
        var id = sensor!["id"]!.GetValue<int>();
        var (posted, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{id}/data", new JsonObject
        {
            ["values"] = new JsonArray(1, 2, 3, 4), ["start"] = "2021-06-07T00:00:00+02:00", ["duration"] = "PT1H", ["unit"] = "kW",
        });
        var (stats, statsBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{id}/stats");
        var (patched, patchedBody) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/sensors/{id}", new JsonObject { ["attributes"] = new JsonObject { ["note"] = "x" } });
        var (unknownField, unknownBody) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/sensors/{id}", new JsonObject { ["generic_asset_id"] = world.OtherAsset.Id });
        var (deletedData, _) = await world.AsAsync("supplier-admin", HttpMethod.Delete, $"/api/v3_0/sensors/{id}/data");
        var rowsAfterDataDelete = await SensorData.SensorDataTests.CountAsync(world, id);
        var (deleted, _) = await world.AsAsync("supplier-admin", HttpMethod.Delete, $"/api/v3_0/sensors/{id}");
        var (gone, _) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/sensors/{id}");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("power'); DROP TABLE sensor; --", sensor["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal(HttpStatusCode.OK, stats);
        var perSource = statsBody!.AsObject().Single().Value!;
        Assert.Equal(4, perSource["Number of values"]!.GetValue<int>());
        Assert.Equal(2.5, perSource["Mean value"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("{\"note\":\"x\"}", patchedBody!["attributes"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownField);
        Assert.Equal("Unknown field.", unknownBody!["message"]!["json"]!["generic_asset_id"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deletedData);
        Assert.Equal(0, rowsAfterDataDelete);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    public static IEnumerable<object[]> BadSensors() => ProviderCases.Cross(
        ["unit", "\"bananas\"", "unit"],
        ["event_resolution", "\"P1M\"", "event_resolution"],
        ["timezone", "\"Mars/Olympus\"", "timezone"],
        ["generic_asset_id", "999999", "generic_asset_id"],
        ["generic_asset_id", "\"one\"", "generic_asset_id"],
        ["name", null!, "name"],
        ["attributes", "[1, 2]", "attributes"]);

    [Theory]
    [MemberData(nameof(BadSensors))]
    public async Task CreateSensor_Is422NamingTheField_AndCreatesNothing(DatabaseProvider provider, string field, string? json, string errorField)
    {
        var world = await worlds.GetAsync(provider);
        var name = $"bad sensor {field} {json?.Length}";
        var body = new JsonObject { ["name"] = name, ["unit"] = "kW", ["event_resolution"] = "PT15M", ["timezone"] = "UTC", ["generic_asset_id"] = world.SupplierAsset.Id };
        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        var (status, answer) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/sensors", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotEmpty(answer!["message"]!["json"]![errorField]!.AsArray());
        await using var db = world.Database.CreateContext();
        Assert.False(await db.Sensors.AnyAsync(s => s.Name == name));
    }

    [Theory]
    [BothProviders]
    public async Task Assets_ListPublicTypesAndSorting(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (own, ownBody) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/assets");
        var (withPublic, publicBody) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/assets?include_public=true&sort_by=name&sort_dir=desc");
        var (accessible, accessibleBody) = await world.AsAsync("consultant", HttpMethod.Get, "/api/v3_0/assets?all_accessible=True");
        var (publicOnly, publicOnlyBody) = await world.AsAsync("other", HttpMethod.Get, "/api/v3_0/assets/public");
        var (types, typesBody) = await world.AsAsync("other", HttpMethod.Get, "/api/v3_0/assets/types");
        var (paged, pagedBody) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/assets?page=1");
        var (badSort, _) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/assets?sort_by=password");

        static List<int> Ids(JsonNode? list) => [.. list!.AsArray().Select(a => a!["id"]!.GetValue<int>())];
        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Contains(world.SupplierAsset.Id, Ids(ownBody));
        Assert.DoesNotContain(world.PublicAsset.Id, Ids(ownBody));
        Assert.DoesNotContain(world.OtherAsset.Id, Ids(ownBody));
        Assert.Equal(HttpStatusCode.OK, withPublic);
        var names = publicBody!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("public weather station", names);
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.Ordinal), names);
        Assert.Equal(HttpStatusCode.OK, accessible);
        Assert.Contains(world.SupplierAsset.Id, Ids(accessibleBody));
        Assert.DoesNotContain(world.OtherAsset.Id, Ids(accessibleBody));
        Assert.Equal(HttpStatusCode.OK, publicOnly);
        Assert.Equal([world.PublicAsset.Id], Ids(publicOnlyBody));
        Assert.Equal(HttpStatusCode.OK, types);
        Assert.Contains("gas meter", typesBody!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, paged);
        Assert.NotNull(pagedBody!["data"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSort);
    }

    [Theory]
    [BothProviders]
    public async Task Asset_CanBeCreatedReadWithSensorsAndDeleted(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (created, asset) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/assets", new JsonObject
        {
            ["name"] = $"battery {provider}", ["generic_asset_type_id"] = world.AssetType.Id, ["latitude"] = 52.1, ["longitude"] = 4.3,
        });
        var id = asset!["id"]!.GetValue<int>();
        var (sensorCreated, _) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/sensors", new JsonObject
        {
            ["name"] = "power", ["unit"] = "kW", ["event_resolution"] = "PT15M", ["generic_asset_id"] = id,
        });
        var (listed, sensors) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{id}/sensors");
        var (badLatitude, latitudeBody) = await world.AsAsync("supplier", HttpMethod.Patch, $"/api/v3_0/assets/{id}", new JsonObject { ["latitude"] = 123 });
        var (plainDelete, _) = await world.AsAsync("supplier", HttpMethod.Delete, $"/api/v3_0/assets/{id}");
        var (deleted, _) = await world.AsAsync("supplier-admin", HttpMethod.Delete, $"/api/v3_0/assets/{id}");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(world.Supplier.Id, asset["account_id"]!.GetValue<int>());
        Assert.Equal("gas meter", asset["generic_asset_type"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, sensorCreated);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(["power"], sensors!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLatitude);
        Assert.NotNull(latitudeBody!["message"]!["json"]!["latitude"]);
        Assert.Equal(HttpStatusCode.Forbidden, plainDelete);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        await using var db = world.Database.CreateContext();
        Assert.False(await db.Sensors.AnyAsync(s => s.GenericAssetId == id));
    }

    [Theory]
    [BothProviders]
    public async Task AccountsUsersAndSources_ShowWhatTheUserMayRead(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (_, supplierAccounts) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/accounts");
        var (_, consultantAccounts) = await world.AsAsync("consultant", HttpMethod.Get, "/api/v3_0/accounts");
        var (_, adminAccounts) = await world.AsAsync("admin-reader", HttpMethod.Get, "/api/v3_0/accounts");
        var (usersStatus, users) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/users");
        var (foreignUsers, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/users?account_id={world.Other.Id}");
        var (sourcesStatus, sources) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/sources");

        static List<int> Ids(JsonNode? list) => [.. list!.AsArray().Select(a => a!["id"]!.GetValue<int>())];
        Assert.Equal([world.Supplier.Id], Ids(supplierAccounts));
        Assert.Equal([world.Consultancy.Id, world.Supplier.Id], Ids(consultantAccounts));
        Assert.Equal(3, Ids(adminAccounts).Count);
        Assert.Equal(HttpStatusCode.OK, usersStatus);
        Assert.Contains("supplier@example.org", users!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
        Assert.DoesNotContain("other@example.org", users.AsArray().Select(u => u!["email"]!.GetValue<string>()));
        Assert.Null(users.AsArray()[0]!["password"]);
        Assert.Equal(HttpStatusCode.Forbidden, foreignUsers);
        Assert.Equal(HttpStatusCode.OK, sourcesStatus);
        var sourceUsers = sources!.AsArray().Select(s => s!["user_id"]?.GetValue<int>()).ToList();
        Assert.Contains(world.Users["supplier"].Id, sourceUsers);
        Assert.DoesNotContain(world.Users["other"].Id, sourceUsers);
    }

    [Theory]
    [BothProviders]
    public async Task PasswordReset_RevokesTheUsersTokens(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var token = await world.TokenAsync("supplier");

        var (reset, _) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{world.Users["supplier"].Id}/password-reset");
        var (after, _) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", token);
        var (login, _) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "supplier@example.org", ["password"] = ApiWorld.Password });

        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Equal(HttpStatusCode.Unauthorized, login);
    }

    [Theory]
    [BothProviders]
    public async Task UserPatch_DeactivatesAnotherUser_AndTheirTokenDies(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var token = await world.TokenAsync("supplier");

        var (self, _) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{world.Users["supplier-admin"].Id}", new JsonObject { ["active"] = false });
        var (patched, body) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{world.Users["supplier"].Id}", new JsonObject { ["active"] = false, ["timezone"] = "Europe/Paris" });
        var (after, _) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", token);

        Assert.Equal(HttpStatusCode.Forbidden, self);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.False(body!["active"]!.GetValue<bool>());
        Assert.Equal("Europe/Paris", body["timezone"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }
}

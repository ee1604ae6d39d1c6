using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Annotations;

/// <summary>FlexMeasures' annotation POSTs on accounts, assets and sensors (after its test_annotations.py), and our GET.</summary>
public sealed class AnnotationsApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task PostAnnotation_Is201ThenIs200WithTheSameAnnotation_OnEveryKindOfObject(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var paths = new[]
        {
            ("supplier-admin", $"/api/v3_0/accounts/{world.Supplier.Id}/annotations"),
            ("supplier", $"/api/v3_0/assets/{world.SupplierAsset.Id}/annotations"),
            ("supplier", $"/api/v3_0/sensors/{world.GasSensor.Id}/annotations"),
        };
        var ids = new List<int>();
        foreach (var (user, path) in paths)
        {
            var body = Body($"Maintenance {path}");
            body["type"] = "alert";
            body["prior"] = "2024-12-15T08:45:00+01:00";

            var (created, first) = await world.AsAsync(user, HttpMethod.Post, path, body);
            var (again, second) = await world.AsAsync(user, HttpMethod.Post, path, body.DeepClone());

            Assert.Equal(HttpStatusCode.Created, created);
            Assert.Equal(HttpStatusCode.OK, again);
            Assert.Equal(first!["id"]!.GetValue<int>(), second!["id"]!.GetValue<int>());
            Assert.Equal($"Maintenance {path}", first["content"]!.GetValue<string>());
            Assert.Equal("2024-12-15T08:00:00+00:00", first["start"]!.GetValue<string>());
            Assert.Equal("2024-12-15T10:00:00+00:00", first["end"]!.GetValue<string>());
            Assert.Equal("alert", first["type"]!.GetValue<string>());
            Assert.Equal("2024-12-15T07:45:00+00:00", first["prior"]!.GetValue<string>());
            ids.Add(first["id"]!.GetValue<int>());
        }

        await using var db = world.Database.CreateContext();
        var userSource = await db.DataSources.Where(s => s.UserId == world.Users["supplier"].Id).Select(s => s.Id).SingleAsync();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(1, await db.Annotations.CountAsync(a => a.Id == ids[0] && a.Accounts.Any(x => x.Id == world.Supplier.Id)));
        Assert.Equal(1, await db.Annotations.CountAsync(a => a.Id == ids[1] && a.Assets.Any(x => x.Id == world.SupplierAsset.Id) && a.SourceId == userSource));
        Assert.Equal(1, await db.Annotations.CountAsync(a => a.Id == ids[2] && a.Sensors.Any(x => x.Id == world.GasSensor.Id)));
    }

    [Theory]
    [BothProviders]
    public async Task PostAnnotation_DefaultsToALabelWithoutPrior(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{world.TemperatureSensor.Id}/annotations", Body("default type"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("label", body!["type"]!.GetValue<string>());
        Assert.Null(body["prior"]);
    }

    public static IEnumerable<object[]> BadBodies() => ProviderCases.Cross(
        ["content", null!, "content"],
        ["content", "\"\"", "content"],
        ["content", $"\"{new string('x', 1025)}\"", "content"],
        ["start", "\"2024-12-15T09:00:00\"", "start"],
        ["start", null!, "start"],
        ["end", "\"2024-12-15T08:00:00+01:00\"", "end"],
        ["end", "\"2024-12-15T09:00:00+01:00\"", "end"],
        ["type", "\"party\"", "type"],
        ["prior", "\"yesterday\"", "prior"],
        ["source", "3", "source"]);

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostAnnotation_Is422NamingTheField_AndStoresNothing(DatabaseProvider provider, string field, string? json, string errorField)
    {
        var world = await worlds.GetAsync(provider);
        var content = $"bad {field} {json?.Length}";
        var body = Body(content);
        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        await using var db = world.Database.CreateContext();
        var before = await db.Annotations.CountAsync();
        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/assets/{world.SupplierAsset.Id}/annotations", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("UNPROCESSABLE_ENTITY", answer!["status"]!.GetValue<string>());
        Assert.NotEmpty(answer["message"]!["json"]![errorField]!.AsArray());
        Assert.Equal(before, await db.Annotations.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task PostAnnotation_Is401Anonymously_And403ForAnotherAccountOrAPlainMemberOnTheAccount(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        await using var db = world.Database.CreateContext();
        var before = await db.Annotations.CountAsync();

        var (anonymous, anonymousBody) = await world.AsAsync(null, HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/annotations", Body("anonymous"));
        var (otherSensor, otherBody) = await world.AsAsync("other", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/annotations", Body("other"));
        var (otherAsset, _) = await world.AsAsync("other-admin", HttpMethod.Post, $"/api/v3_0/assets/{world.SupplierAsset.Id}/annotations", Body("other"));
        var (member, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/accounts/{world.Supplier.Id}/annotations", Body("member"));
        var (consultant, _) = await world.AsAsync("consultant", HttpMethod.Post, $"/api/v3_0/accounts/{world.Supplier.Id}/annotations", Body("consultant's"));
        var (missing, _) = await world.AsAsync("admin", HttpMethod.Post, "/api/v3_0/accounts/99999/annotations", Body("nowhere"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("UNAUTHORIZED", anonymousBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, otherSensor);
        Assert.Equal("INVALID_SENDER", otherBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, otherAsset);
        Assert.Equal(HttpStatusCode.Forbidden, member);
        Assert.Equal(HttpStatusCode.Created, consultant);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(before + 1, await db.Annotations.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task GetAnnotations_ListsTheObjectsAnnotationsOverlappingThePeriod_ForReadersOnly(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var path = $"/api/v3_0/sensors/{sensor.Id}/annotations";
        foreach (var (content, start, end, type) in new[]
        {
            ("new year", "2025-01-01T00:00:00+01:00", "2025-01-02T00:00:00+01:00", "holiday"),
            ("meter swap", "2025-01-05T10:00:00+01:00", "2025-01-05T11:00:00+01:00", "label"),
            ("carnival", "2025-03-03T00:00:00+01:00", "2025-03-04T00:00:00+01:00", "holiday"),
        })
        {
            var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, path, new JsonObject { ["content"] = content, ["start"] = start, ["end"] = end, ["type"] = type });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        var (all, allBody) = await world.AsAsync("supplier", HttpMethod.Get, path);
        var (january, januaryBody) = await world.AsAsync("admin-reader", HttpMethod.Get, $"{path}?start=2025-01-01T12:00:00%2B01:00&end=2025-02-01T00:00:00%2B01:00");
        var (holidays, holidaysBody) = await world.AsAsync("consultant", HttpMethod.Get, $"{path}?type=holiday");
        var (badType, badTypeBody) = await world.AsAsync("supplier", HttpMethod.Get, $"{path}?type=party");
        var (foreign, _) = await world.AsAsync("other", HttpMethod.Get, path);
        var (anonymous, _) = await world.AsAsync(null, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, all);
        Assert.Equal(["new year", "meter swap", "carnival"], Contents(allBody));
        Assert.Equal(HttpStatusCode.OK, january);
        Assert.Equal(["new year", "meter swap"], Contents(januaryBody));
        Assert.Equal(HttpStatusCode.OK, holidays);
        Assert.Equal(["new year", "carnival"], Contents(holidaysBody));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badType);
        Assert.NotEmpty(badTypeBody!["message"]!["query"]!["type"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
    }

    [Theory]
    [BothProviders]
    public async Task OpenApi_DescribesTheAnnotationEndpoints_WithAnExample(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, document) = await world.AsAsync(null, HttpMethod.Get, "/api/openapi/v3_0.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var post = document!["paths"]!["/api/v3_0/assets/{id}/annotations"]!["post"]!;
        Assert.Equal("Annotate an asset", post["summary"]!.GetValue<string>());
        Assert.Equal("Sensor maintenance performed", post["requestBody"]!["content"]!["application/json"]!["example"]!["content"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/api/v3_0/accounts/{id}/annotations"]!["get"]!["summary"]);
    }

    private static JsonObject Body(string content) => new()
    {
        ["content"] = content,
        ["start"] = "2024-12-15T09:00:00+01:00",
        ["end"] = "2024-12-15T11:00:00+01:00",
    };

    private static string[] Contents(JsonNode? list) => [.. list!.AsArray().Select(a => a!["content"]!.GetValue<string>())];
}

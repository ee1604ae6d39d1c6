using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>The conventions every FlexMeasures client relies on: JSON everywhere, version headers, error shapes.</summary>
public sealed class ApiConventionsTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task GetApi_ListsV3AndTheFlexMeasuresVersion(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Get, "/api/", null, null, null);
        var body = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["v3_0"], body!["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("0.30.0", body["flexmeasures_version"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
        Assert.Equal("0.30.0", response.Headers.GetValues("FlexMeasures-Version").Single());
        Assert.Matches(@"^\d+\.\d+\.\d+", response.Headers.GetValues("FlexMeasures-Dotnet-Version").Single());
    }

    [Theory]
    [MemberData(nameof(ErrorRequests))]
    public async Task Errors_AreJsonWithMessageAndVersionHeader_ForEveryStatus(DatabaseProvider provider, string method, string path, bool authenticated, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var token = authenticated ? await world.TokenAsync("supplier") : null;

        using var response = await world.SendRawAsync(new HttpMethod(method), path, token, null, null);
        var body = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.NotNull(body!["message"]);
        Assert.NotNull(body["status"]);
        Assert.Equal("0.30.0", response.Headers.GetValues("FlexMeasures-Version").Single());
    }

    public static IEnumerable<object[]> ErrorRequests() => ProviderCases.Cross(
        ["GET", "/api/v3_0/no-such-thing", true, 404],
        ["GET", "/api/v3_0/sensors/999999/data?start=2021-05-02T00:00:00%2B02:00&duration=PT1H&unit=m%C2%B3/h", true, 404],
        ["PUT", "/api/requestAuthToken", false, 405],
        ["GET", "/api/v3_0/sensors/1/data", false, 401]);

    [Theory]
    [BothProviders]
    public async Task Unauthenticated_Is401WithFlexMeasuresShape_WhenTheTokenIsGarbage(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/data", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHORIZED", body!["status"]!.GetValue<string>());
        Assert.Equal("You could not be properly authenticated for this content or functionality.", body["message"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Post_Is413PayloadTooLarge_WhenTheBodyExceedsTheLimit(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var values = new JsonArray([.. Enumerable.Range(0, (int)(ApiWorld.MaxBodyBytes / 3)).Select(_ => (JsonNode?)JsonValue.Create(1.5))]);
        var body = new JsonObject { ["values"] = values, ["start"] = "2021-06-07T00:00:00+02:00", ["duration"] = "PT1H", ["unit"] = "m³/h" };

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PAYLOAD_TOO_LARGE", answer!["status"]!.GetValue<string>());
        Assert.Equal(0, await SensorData.SensorDataTests.CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_Is413_WhenAChunkedBodyExceedsTheLimit(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var text = "{\"values\": [" + string.Join(", ", Enumerable.Repeat("1.5", (int)(ApiWorld.MaxBodyBytes / 3))) + "], \"start\": \"2021-06-07T00:00:00+02:00\", \"duration\": \"PT1H\", \"unit\": \"m³/h\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v3_0/sensors/{sensor.Id}/data", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", await world.TokenAsync("supplier"));
        request.Headers.TransferEncodingChunked = true;
        request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await world.Client.SendAsync(request);
        var body = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", body!["status"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Post_Is500Json_WhenTheSensorIsCorrupt(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync(s => s.KnowledgeHorizonFnc = "no_such_function");
        var body = new JsonObject { ["values"] = new JsonArray(1, 2, 3, 4, 5, 6), ["start"] = "2021-06-07T00:00:00+02:00", ["duration"] = "PT1H", ["unit"] = "m³/h" };

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(500, answer!["status"]!.GetValue<int>());
        Assert.DoesNotContain("no_such_function", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task OpenApi_DocumentsTheEndpoints_AndServesABrowsablePage(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        using var document = await world.SendRawAsync(HttpMethod.Get, "/api/openapi/v3_0.json", null, null, null);
        var json = await ApiWorld.ReadJsonAsync(document);
        using var page = await world.SendRawAsync(HttpMethod.Get, "/api/docs", null, null, null);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = json!["paths"]!.AsObject();
        Assert.Contains("/api/v3_0/sensors/{id}/data", paths.Select(p => p.Key));
        Assert.Contains("/api/requestAuthToken", paths.Select(p => p.Key));
        Assert.Contains("/api/v3_0/assets", paths.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    public static IEnumerable<object[]> UnreadableBodies() => ProviderCases.Cross(
        ["values=1&unit=m3", "text/plain", 415],
        ["{\"values\": [1, 2", "application/json", 400],
        ["", "application/json", 400],
        ["[1, 2, 3]", "application/json", 422],
        ["\"just a string\"", "application/json", 422]);

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task PostData_AnswersJsonAndStoresNothing_WhenTheBodyIsNoJsonObject(DatabaseProvider provider, string content, string contentType, int expected)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        using var response = await world.SendRawAsync(HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", await world.TokenAsync("supplier"), content, contentType);
        var body = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.NotNull(body!["message"]);
        Assert.Equal(0, await SensorData.SensorDataTests.CountAsync(world, sensor.Id));
    }
}

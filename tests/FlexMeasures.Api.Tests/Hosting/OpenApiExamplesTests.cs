using System.Net;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>The endpoints added for issue 13 are described in <c>/api/openapi/v3_0.json</c> with a summary and an example answer.</summary>
public sealed class OpenApiExamplesTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    public static IEnumerable<object[]> Endpoints() => ProviderCases.Cross(
        ["/api/v3_0/sensors/{id}/data/upload", "post", "200"],
        ["/api/v3_0/sensors/{id}/data/upload", "post", "422"],
        ["/api/v3_0/sensors/{id}/status", "get", "200"],
        ["/api/v3_0/assets/{id}/jobs", "get", "200"],
        ["/api/ops/postLatestTaskRun", "post", "200"],
        ["/api/ops/postLatestTaskRun", "post", "400"]);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task OpenApi_GivesASummaryAndAnExample_ForEachNewEndpoint(DatabaseProvider provider, string path, string method, string status)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Get, "/api/openapi/v3_0.json", null, null, null);
        var document = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var operation = document!["paths"]![path]![method]!;
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]!.GetValue<string>()));
        Assert.NotNull(operation["responses"]![status]!["content"]!["application/json"]!["example"]);
    }

    [Theory]
    [BothProviders]
    public async Task OpenApi_ShowsTheUploadsFormFields(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Get, "/api/openapi/v3_0.json", null, null, null);
        var document = await ApiWorld.ReadJsonAsync(response);

        var example = document!["paths"]!["/api/v3_0/sensors/{id}/data/upload"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["example"]!;
        Assert.NotNull(example["uploaded-files"]);
        Assert.NotNull(example["belief-time-measured-instantly"]);
    }
}

using System.Net;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>Every endpoint is described in <c>/api/openapi/v3_0.json</c> with a summary and an example.</summary>
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
        var document = await DocumentAsync(provider);

        var operation = document["paths"]![path]![method]!;
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]!.GetValue<string>()));
        Assert.NotNull(operation["responses"]![status]!["content"]!["application/json"]!["example"]);
    }

    [Theory]
    [BothProviders]
    public async Task OpenApi_ShowsTheUploadsFormFields(DatabaseProvider provider)
    {
        var document = await DocumentAsync(provider);

        var example = document["paths"]!["/api/v3_0/sensors/{id}/data/upload"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["example"]!;
        Assert.NotNull(example["uploaded-files"]);
        Assert.NotNull(example["belief-time-measured-instantly"]);
    }

    [Theory]
    [BothProviders]
    public async Task OpenApi_GivesEveryOperationASummaryAndAnExampleAnswer(DatabaseProvider provider)
    {
        var document = await DocumentAsync(provider);

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!)))
            .ToList();
        Assert.True(operations.Count >= 50, $"only {operations.Count} operations in the document");
        var undescribed = operations.Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => o.Name).ToList();
        Assert.True(undescribed.Count == 0, $"without a summary: {string.Join(", ", undescribed)}");
        // An operation whose answers have no body (204) has nothing to show.
        var withoutExample = operations
            .Where(o => o.Operation["responses"]!.AsObject().Any(r => r.Key != "204"))
            .Where(o => !o.Operation["responses"]!.AsObject().Any(r => r.Value?["content"]?["application/json"]?["example"] is not null))
            .Select(o => o.Name)
            .ToList();
        Assert.True(withoutExample.Count == 0, $"without an example answer: {string.Join(", ", withoutExample)}");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DocumentAsync(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var response = await world.SendRawAsync(HttpMethod.Get, "/api/openapi/v3_0.json", null, null, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiWorld.ReadJsonAsync(response))!;
    }
}

using FlexMeasures.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FlexMeasures.Api.Versions;

/// <summary><c>GET /api/</c>: which API versions this server speaks.</summary>
internal static class VersionsApi
{
    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api", GetVersions).WithName("GetApiVersions")
            .WithExample(200, """{"message": "For these API versions endpoints are available. An authentication token can be requested at: /api/requestAuthToken", "versions": ["v3_0"], "flexmeasures_version": "0.30.0", "flexmeasures_dotnet_version": "1.0.0"}""").WithTags("Public").WithSummary("List available API versions");
        return routes;
    }

    internal static Ok<VersionsResponse> GetVersions() => TypedResults.Ok(new VersionsResponse(
        "For these API versions endpoints are available. An authentication token can be requested at: /api/requestAuthToken",
        ["v3_0"],
        ApiVersions.FlexMeasures,
        ApiVersions.Dotnet));
}

using System.Text.Json.Serialization;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Sources;

internal sealed record SourceResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("account_id")] int? AccountId,
    [property: JsonPropertyName("user_id")] int? UserId);

/// <summary><c>/api/v3_0/sources</c>: the data sources of the user's account and those of no account.</summary>
internal static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder sources)
    {
        sources.MapGet("", ListAsync).WithName("ListSources")
            .WithExample(200, """[{"id": 1, "name": "toy-user", "type": "user", "model": null, "version": null, "account_id": 1, "user_id": 2}]""").WithSummary("List data sources");
        return sources;
    }

    internal static async Task<Ok<List<SourceResponse>>> ListAsync(ApiUser user, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.DataSources.AsNoTracking()
            .Where(AccessPolicy.ReadableSources(user))
            .OrderBy(s => s.Id)
            .Select(s => new SourceResponse(s.Id, s.Name, s.Type, s.Model, s.Version, s.AccountId, s.UserId))
            .ToListAsync(cancellationToken));
    }
}

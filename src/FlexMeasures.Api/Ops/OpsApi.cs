using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ops;

/// <summary>Endpoints for operators and load balancers: liveness and readiness.</summary>
internal static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ops/ping", Ping).WithName("Ping").WithTags("Ops");
        routes.MapGet("/api/v3_0/health/ready", ReadyAsync).WithName("HealthReady").WithTags("Ops");
        return routes;
    }

    internal static Ok<PingResponse> Ping() => TypedResults.Ok(new PingResponse("ok"));

    internal static async Task<JsonHttpResult<ReadinessResponse>> ReadyAsync(
        IDbContextFactory<FlexMeasuresDbContext> contexts,
        CancellationToken cancellationToken)
    {
        bool databaseReachable;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            databaseReachable = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            databaseReachable = false;
        }

        var response = new ReadinessResponse(databaseReachable);
        return TypedResults.Json(
            response,
            statusCode: databaseReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Errors;

/// <summary>
/// Runs a read once more when the database failed under it: after a PostgreSQL restart every pooled connection is
/// dead, and the first request to take one would fail although the server is back. Only safe methods (GET, HEAD) are
/// repeated, in a fresh scope; a write that fails answers 503 with <c>Retry-After</c> (<see cref="ApiExceptionHandler"/>)
/// and the client sends it again (posting the same beliefs twice stores them once).
/// </summary>
internal static class OutageRetry
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
            return;
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            DatabaseOutage.ForgetConnections(context.RequestServices.GetService<FlexMeasuresDbContext>());
        }

        var original = context.RequestServices;
        await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        context.SetEndpoint(null);
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = original;
        }
    }
}

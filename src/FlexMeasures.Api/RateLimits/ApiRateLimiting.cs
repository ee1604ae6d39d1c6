using System.Globalization;
using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// FlexMeasures' two API rate limits (docs/decisions/0024-rate-limits.md): a default limit on every <c>/api</c>
/// request per user (per client address before login), counted by a middleware, and a stricter limit shared by the
/// schedule and forecast triggers, counted by an endpoint filter that gives the count back when the trigger is not
/// accepted. Counts live in this process: each web host counts for itself.
/// </summary>
internal static class ApiRateLimiting
{
    public static IServiceCollection AddFlexMeasuresRateLimiting(this IServiceCollection services) =>
        services.AddSingleton<ApiRateLimiter>();

    /// <summary>Counts requests (after authentication, so the user is known) unless rate limiting is switched off.</summary>
    public static WebApplication UseFlexMeasuresRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ApiRateLimiter>().Enabled)
        {
            app.Use(async (context, next) =>
            {
                if (context.RequestServices.GetRequiredService<ApiRateLimiter>().TakeDefault(context) is { Window.Granted: false } refused)
                {
                    await TooManyRequests(context, refused).ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
        }

        return app;
    }

    /// <summary>Puts the endpoint under the trigger limit; a trigger answered with a status of 400 or more is not counted.</summary>
    public static TBuilder RequireTriggerLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var limiter = context.RequestServices.GetRequiredService<ApiRateLimiter>();
            // The deprecated sensor trigger names no asset; it counts against the account as a whole.
            var asset = context.Request.Path.StartsWithSegments("/api/v3_0/assets", StringComparison.OrdinalIgnoreCase)
                && context.Request.RouteValues["id"] is { } id && int.TryParse(id.ToString(), CultureInfo.InvariantCulture, out var assetId)
                ? assetId
                : (int?)null;
            if (!limiter.Enabled || limiter.TakeTrigger(context, asset) is not { } take)
            {
                return await next(invocation);
            }

            if (!take.Window.Granted)
            {
                return TooManyRequests(context, take);
            }

            // The status is final when the response starts, also when the exception handler wrote it (403, 422), and
            // the client cannot have it before then, so its next trigger already finds the count given back.
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
                {
                    limiter.Return(take);
                }

                return Task.CompletedTask;
            });
            return await next(invocation);
        });

    /// <summary>FlexMeasures' words for a refused request.</summary>
    public static string RefusedMessage(RateLimitTake refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return $"You hit a rate limit. The limit you hit allows {refused.Limit.Text}.";
    }

    /// <summary>429 in FlexMeasures' words, with <c>Retry-After</c>: the seconds until the oldest counted request leaves the window.</summary>
    private static IResult TooManyRequests(HttpContext context, RateLimitTake refused)
    {
        context.Response.Headers.RetryAfter = RetryAfter.Seconds(refused.Window.RetryAfter);
        return Results.Json(new ApiError(RefusedMessage(refused), "TOO_MANY_REQUESTS", "Rejected"), statusCode: StatusCodes.Status429TooManyRequests);
    }
}

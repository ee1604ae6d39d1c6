using System.Globalization;
using System.Threading.RateLimiting;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// FlexMeasures' two API rate limits on ASP.NET Core's rate limiter (docs/decisions/0024-rate-limits.md): a default
/// limit on every <c>/api</c> request per user (per client address before login), and a stricter limit shared by the
/// schedule and forecast triggers, counted per account, account and asset, or user. An account's plan may set its
/// own limits or <c>unlimited</c>. Counts live in this process: each web host counts for itself.
/// </summary>
internal static partial class ApiRateLimiting
{
    /// <summary>The policy trigger endpoints name with <c>RequireRateLimiting</c>.</summary>
    public const string TriggerPolicy = "triggers";

    private const string DefaultLimitItem = "RateLimits.Default";
    private const string TriggerLimitItem = "RateLimits.Trigger";

    /// <summary>The limiter and its policies; the settings are checked and registered with the API's options.</summary>
    public static IServiceCollection AddFlexMeasuresRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(DefaultPartition);
            limiter.AddPolicy(TriggerPolicy, TriggerPartition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Counts requests (after authentication, so the user is known) unless rate limiting is switched off.</summary>
    public static WebApplication UseFlexMeasuresRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>Every request to the API but the health checks, per user, or per client address before login.</summary>
    private static RateLimitPartition<string> DefaultPartition(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/v3_0/health", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        var user = context.Items[typeof(ApiUser)] as ApiUser;
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (Effective(context, user?.Plan?.DefaultRateLimit, options.Default) is not { } limit)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        context.Items[DefaultLimitItem] = limit;
        var who = user is null ? $"address:{context.Connection.RemoteIpAddress}" : string.Create(CultureInfo.InvariantCulture, $"user:{user.Id}");
        return Window($"{who}|{limit.Text}", limit);
    }

    /// <summary>Schedule and forecast triggers, all in one budget, per what the plan or the setting counts them by.</summary>
    private static RateLimitPartition<string> TriggerPartition(HttpContext context)
    {
        var user = context.Items[typeof(ApiUser)] as ApiUser;
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (Effective(context, user?.Plan?.TriggerRateLimit, options.Trigger) is not { } limit)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        context.Items[TriggerLimitItem] = limit;
        string who;
        if (user is null)
        {
            who = $"address:{context.Connection.RemoteIpAddress}";
        }
        else
        {
            var key = RateLimitKeys.Parse(user.Plan?.RateLimitKey) ?? RateLimitKeys.Parse(options.Key) ?? RateLimitKey.Account;
            var account = string.Create(CultureInfo.InvariantCulture, $"account:{user.AccountId}");
            who = key switch
            {
                RateLimitKey.User => string.Create(CultureInfo.InvariantCulture, $"user:{user.Id}"),

                // The deprecated sensor trigger names no asset here; it counts against the account as a whole (as
                // FlexMeasures does when it cannot tell the asset), which is the stricter budget.
                RateLimitKey.AccountPlusAsset when context.Request.Path.StartsWithSegments("/api/v3_0/assets", StringComparison.OrdinalIgnoreCase)
                    && context.Request.RouteValues["id"] is { } asset => $"{account}|asset:{asset}",
                _ => account,
            };
        }

        return Window($"{who}|{limit.Text}", limit);
    }

    /// <summary>The plan's limit where it sets a usable one, else the setting; null for a plan that says <c>unlimited</c>.</summary>
    private static RateLimit? Effective(HttpContext context, string? planLimit, string setting)
    {
        if (planLimit?.Trim() == RateLimit.Unlimited)
        {
            return null;
        }

        if (planLimit is not null)
        {
            if (RateLimit.Parse(planLimit, out var problem) is { } own)
            {
                return own;
            }

            // A bad plan value must not take the API down for the account: count by the setting and say so.
            LogBadPlanLimit(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimiting)), planLimit, problem!);
        }

        return RateLimit.Parse(setting, out _)!;
    }

    /// <remarks>
    /// The partition key holds the limit, so an account whose plan changes gets a limiter with the new numbers at
    /// once; counts of the old key are dropped when idle.
    /// </remarks>
    private static RateLimitPartition<string> Window(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>429 in FlexMeasures' words, with <c>Retry-After</c> in seconds.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;

        // The trigger limit is only asked when the default limit let the request through: when it is known, it was the one hit.
        var limit = (context.Items[TriggerLimitItem] ?? context.Items[DefaultLimitItem]) as RateLimit;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limit?.Window ?? TimeSpan.FromMinutes(1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var message = limit is null ? "You hit a rate limit." : $"You hit a rate limit. The limit you hit allows {limit.Text}.";
        await context.Response.WriteAsJsonAsync(new ApiError(message, "TOO_MANY_REQUESTS", "Rejected"), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An account plan's rate limit '{Limit}' {Problem}; the configured limit applies instead")]
    private static partial void LogBadPlanLimit(ILogger logger, string limit, string problem);
}

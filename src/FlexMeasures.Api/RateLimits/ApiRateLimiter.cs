using System.Collections.Concurrent;
using System.Globalization;
using FlexMeasures.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// Which limit a request counts against, under which key, and the counts (docs/decisions/0024-rate-limits.md). The
/// settings were checked at start and are parsed once here; a plan's text is parsed once per distinct text.
/// </summary>
internal sealed partial class ApiRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<ApiRateLimiter> logger)
{
    // Plans are few; the cache only stops a plan's text being parsed (and a bad one logged) on every request.
    private const int PlanCacheSize = 1_000;

    private readonly RateLimit _default = Configured(options.Value.Default);
    private readonly RateLimit _trigger = Configured(options.Value.Trigger);
    private readonly RateLimitKey _key = RateLimitKeys.Parse(options.Value.Key) ?? RateLimitKey.Account;
    private readonly ConcurrentDictionary<string, PlanLimit> _plans = new(StringComparer.Ordinal);
    private readonly SlidingWindowCounts _counts = new(clock);

    public bool Enabled { get; } = options.Value.Enabled;

    /// <summary>
    /// Counts a request to the API against the default limit, per user (per client address before login); null when
    /// the request is not limited (health checks, paths outside <c>/api</c>, a plan that says <c>unlimited</c>).
    /// </summary>
    public RateLimitTake? TakeDefault(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/v3_0/health", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var user = context.Items[typeof(ApiUser)] as ApiUser;
        if (Effective(user?.Plan?.DefaultRateLimit, _default) is not { } limit)
        {
            return null;
        }

        var who = user is null ? $"address:{context.Connection.RemoteIpAddress}" : string.Create(CultureInfo.InvariantCulture, $"user:{user.Id}");
        return Take($"default|{who}", limit);
    }

    /// <summary>
    /// Counts a schedule or forecast trigger (the API's or a page's), all in one budget per what the plan or the
    /// setting counts them by.
    /// </summary>
    /// <param name="assetId">The asset a schedule is triggered for (counted apart under <c>account+asset</c>); null otherwise.</param>
    public RateLimitTake? TakeTrigger(HttpContext context, int? assetId)
    {
        var user = context.Items[typeof(ApiUser)] as ApiUser;
        if (Effective(user?.Plan?.TriggerRateLimit, _trigger) is not { } limit)
        {
            return null;
        }

        string who;
        if (user is null)
        {
            who = $"address:{context.Connection.RemoteIpAddress}";
        }
        else
        {
            var account = string.Create(CultureInfo.InvariantCulture, $"account:{user.AccountId}");
            who = (RateLimitKeys.Parse(user.Plan?.RateLimitKey) ?? _key) switch
            {
                RateLimitKey.User => string.Create(CultureInfo.InvariantCulture, $"user:{user.Id}"),

                // Without an asset (a forecast, the deprecated sensor trigger) a trigger counts against the account as
                // a whole (as FlexMeasures does when it cannot tell the asset), which is the stricter budget.
                RateLimitKey.AccountPlusAsset when assetId is { } asset => string.Create(CultureInfo.InvariantCulture, $"{account}|asset:{asset}"),
                _ => account,
            };
        }

        return Take($"trigger|{who}", limit);
    }

    /// <summary>Gives a counted request back: FlexMeasures counts a trigger only when it was accepted.</summary>
    public void Return(RateLimitTake take) => _counts.Return(take.Window);

    /// <remarks>
    /// The key holds the limit, so an account whose plan changes counts under the new numbers at once; the old key's
    /// counts are swept out once they have passed.
    /// </remarks>
    private RateLimitTake Take(string key, RateLimit limit) =>
        new(limit, _counts.TryTake($"{key}|{limit.Text}", limit.Permits, limit.Window));

    /// <summary>The plan's limit where it sets a usable one, else the setting; null for a plan that says <c>unlimited</c>.</summary>
    private RateLimit? Effective(string? planLimit, RateLimit setting)
    {
        if (planLimit is null)
        {
            return setting;
        }

        if (_plans.Count > PlanCacheSize)
        {
            _plans.Clear();
        }

        var plan = _plans.GetOrAdd(planLimit, ParsePlan);
        return plan.Usable ? plan.Limit : setting;
    }

    private PlanLimit ParsePlan(string text)
    {
        if (text.Trim() == RateLimit.Unlimited)
        {
            return new PlanLimit(null, Usable: true);
        }

        if (RateLimit.Parse(text, out var problem) is { } limit)
        {
            return new PlanLimit(limit, Usable: true);
        }

        // A bad plan value must not take the API down for the account: count by the setting and say so.
        LogBadPlanLimit(logger, text, problem!);
        return new PlanLimit(null, Usable: false);
    }

    private static RateLimit Configured(string text) =>
        RateLimit.Parse(text, out var problem) ?? throw new InvalidOperationException($"The rate limit '{text}' {problem}; settings are checked at start.");

    [LoggerMessage(Level = LogLevel.Error, Message = "An account plan's rate limit '{Limit}' {Problem}; the configured limit applies instead")]
    private static partial void LogBadPlanLimit(ILogger logger, string limit, string problem);

    /// <summary>A plan's parsed limit: <see cref="Limit"/> null and usable means unlimited.</summary>
    private sealed record PlanLimit(RateLimit? Limit, bool Usable);
}

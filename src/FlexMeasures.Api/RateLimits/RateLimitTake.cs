namespace FlexMeasures.Api.RateLimits;

/// <summary>A request counted (or refused) against <see cref="Limit"/>.</summary>
internal sealed record RateLimitTake(RateLimit Limit, WindowTake Window);

namespace FlexMeasures.Api.Auth;

/// <summary>What an account's plan says about rate limits (table <c>plan</c>): a limit, <c>unlimited</c>, or null for the server's setting.</summary>
internal sealed record PlanLimits(string? DefaultRateLimit, string? TriggerRateLimit, string? RateLimitKey);

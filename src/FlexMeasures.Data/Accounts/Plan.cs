namespace FlexMeasures.Data.Accounts;

/// <summary>A subscription plan with usage limits (table <c>plan</c>).</summary>
public sealed class Plan
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? DefaultRateLimit { get; set; }

    public string? TriggerRateLimit { get; set; }

    /// <summary>What a rate limit counts per: <c>ACCOUNT_PLUS_ASSET</c>, <c>ACCOUNT</c> or <c>USER</c>.</summary>
    public string? RateLimitKey { get; set; }

    public int? MaxUsers { get; set; }

    public int? MaxAssets { get; set; }

    public int? MaxClients { get; set; }

    public bool Legacy { get; set; }
}

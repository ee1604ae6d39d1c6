namespace FlexMeasures.Api.RateLimits;

/// <summary>The names of <see cref="RateLimitKey"/> in configuration (<c>account+asset</c>) and in the plan table (<c>ACCOUNT_PLUS_ASSET</c>).</summary>
internal static class RateLimitKeys
{
    public static IReadOnlyList<string> ConfigNames { get; } = ["account", "account+asset", "user"];

    /// <summary>The key a configuration value or a plan's column names; null for anything else.</summary>
    public static RateLimitKey? Parse(string? text) => text?.Trim() switch
    {
        "account" or "ACCOUNT" => RateLimitKey.Account,
        "account+asset" or "ACCOUNT_PLUS_ASSET" => RateLimitKey.AccountPlusAsset,
        "user" or "USER" => RateLimitKey.User,
        _ => null,
    };
}

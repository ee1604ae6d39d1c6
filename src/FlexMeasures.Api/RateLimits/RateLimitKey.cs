namespace FlexMeasures.Api.RateLimits;

/// <summary>What triggers are counted per (FlexMeasures' <c>RateLimitKey</c>).</summary>
internal enum RateLimitKey
{
    Account,
    AccountPlusAsset,
    User,
}

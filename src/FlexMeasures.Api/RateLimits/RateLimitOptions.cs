using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// Configuration section <c>RateLimits</c>: FlexMeasures' API rate limits, which an account's plan may override
/// (<c>plan.default_rate_limit</c>, <c>plan.trigger_rate_limit</c>, <c>plan.rate_limit_key</c>).
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    /// <summary>Rate limiting at all (<c>RATELIMIT_ENABLED</c>, as in FlexMeasures); true by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests per user (per client address when not logged in) to the whole API
    /// (<c>FLEXMEASURES_API_DEFAULT_RATE_LIMIT</c>); <c>500 per minute</c> by default.
    /// </summary>
    public string Default { get; set; } = "500 per minute";

    /// <summary>
    /// Schedule and forecast triggers, all trigger endpoints together (<c>FLEXMEASURES_API_TRIGGER_RATE_LIMIT</c>);
    /// <c>10 per 5 minutes</c> by default.
    /// </summary>
    public string Trigger { get; set; } = "10 per 5 minutes";

    /// <summary>
    /// What triggers are counted per: <c>account</c> (default), <c>account+asset</c> or <c>user</c>
    /// (<c>FLEXMEASURES_API_RATE_LIMIT_KEY</c>).
    /// </summary>
    public string Key { get; set; } = "account";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RateLimit.Parse(Default, out var defaultProblem) is null)
        {
            yield return new ValidationResult(defaultProblem, [nameof(Default)]);
        }

        if (RateLimit.Parse(Trigger, out var triggerProblem) is null)
        {
            yield return new ValidationResult(triggerProblem, [nameof(Trigger)]);
        }

        if (RateLimitKeys.Parse(Key) is null)
        {
            yield return new ValidationResult($"must be one of {string.Join(", ", RateLimitKeys.ConfigNames)}", [nameof(Key)]);
        }
    }
}

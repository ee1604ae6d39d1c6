using System.Globalization;
using System.Text.RegularExpressions;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// A rate limit as FlexMeasures writes it (Flask-Limiter's notation): <c>500 per minute</c>, <c>10 per 5 minutes</c>,
/// <c>100/hour</c>. Counted in fixed windows of <see cref="Window"/>.
/// </summary>
internal sealed partial record RateLimit(int Permits, TimeSpan Window, string Text)
{
    /// <summary>A plan's word for "no limit" (FlexMeasures' <c>UNLIMITED_RATE_LIMIT</c>).</summary>
    public const string Unlimited = "unlimited";

    /// <summary>The limit, or null when <paramref name="text"/> is not one (<paramref name="problem"/> says why, after the text).</summary>
    public static RateLimit? Parse(string? text, out string? problem)
    {
        problem = null;
        var match = text is null ? null : Notation().Match(text.Trim());
        if (match is not { Success: true })
        {
            problem = "is not a valid rate limit; use a limit like '10 per 5 minutes' or '500/minute'";
            return null;
        }

        if (!int.TryParse(match.Groups["permits"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var permits) || permits < 1)
        {
            problem = "is not a valid rate limit: allow at least 1 request";
            return null;
        }

        var multiple = match.Groups["multiple"].Success
            ? int.Parse(match.Groups["multiple"].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : 1;
        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "second" => TimeSpan.FromSeconds(1),
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            "month" => TimeSpan.FromDays(30),
            _ => TimeSpan.FromDays(365),
        };
        if (multiple < 1)
        {
            problem = $"is not a valid rate limit: the window must be at least 1 {match.Groups["unit"].Value}";
            return null;
        }

        return new RateLimit(permits, unit * multiple, text!.Trim());
    }

    [GeneratedRegex(@"^(?<permits>\d{1,9})\s*(/|per)\s*(?<multiple>\d{1,6})?\s*(?<unit>second|minute|hour|day|month|year)s?$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Notation();
}

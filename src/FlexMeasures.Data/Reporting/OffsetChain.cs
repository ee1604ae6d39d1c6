using System.Globalization;
using System.Text.RegularExpressions;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>
/// FlexMeasures' offset chains for a report's window (<c>--start-offset</c>, <c>--end-offset</c>): comma-separated steps
/// applied in order to an instant in a time zone. <c>DB</c> goes back to the beginning of the day and <c>HB</c> to the
/// beginning of the hour (in that zone); <c>-1D</c>, <c>2h</c>, <c>15min</c>, <c>30s</c> add fixed durations (a day is 24
/// hours, as pandas' <c>D</c>). E.g. <c>DB,-1D</c> is yesterday's midnight.
/// </summary>
public static partial class OffsetChain
{
    /// <param name="instant">UTC.</param>
    /// <param name="timezone">IANA zone the day and hour beginnings are in.</param>
    /// <returns>UTC.</returns>
    /// <exception cref="InvalidInputException">A step that is none of the above; the message names it.</exception>
    public static DateTime Apply(DateTime instant, string chain, string timezone, string field)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var zone = ZonedTime.Find(timezone) ?? throw new InvalidInputException(field, $"unknown time zone '{timezone}'");
        var at = ZonedTime.AsUtc(instant, nameof(instant));
        foreach (var part in chain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            at = part.ToUpperInvariant() switch
            {
                "DB" => Floor(at, zone, TimeSpan.FromDays(1)),
                "HB" => Floor(at, zone, TimeSpan.FromHours(1)),
                _ => at + Duration(part, field),
            };
        }

        return at;
    }

    private static DateTime Floor(DateTime utc, TimeZoneInfo zone, TimeSpan unit)
    {
        var local = ZonedTime.ToWallClock(utc, zone);
        return ZonedTime.ToUtc(new DateTime(local.Ticks - (local.Ticks % unit.Ticks), DateTimeKind.Unspecified), zone);
    }

    private static TimeSpan Duration(string part, string field)
    {
        var match = Step().Match(part);
        if (!match.Success)
        {
            throw new InvalidInputException(field, $"'{part}' is not an offset; use DB (day begin), HB (hour begin) or a number with D, h, min or s, e.g. DB,-1D");
        }

        var amount = match.Groups["n"].Value is { Length: > 0 } n ? double.Parse(n, CultureInfo.InvariantCulture) : 1;
        return match.Groups["unit"].Value switch
        {
            "D" or "d" => TimeSpan.FromDays(amount),
            "H" or "h" => TimeSpan.FromHours(amount),
            "min" or "T" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
    }

    [GeneratedRegex(@"^(?<n>[+-]?\d+(\.\d+)?)?(?<unit>D|d|H|h|min|T|S|s)$", RegexOptions.CultureInvariant)]
    private static partial Regex Step();
}

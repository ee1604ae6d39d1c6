using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Time;

/// <summary>IANA time zone names.</summary>
public static class TimeZones
{
    /// <summary>The zone, or an error that suggests the closest valid names.</summary>
    /// <exception cref="InvalidInputException">Not an IANA time zone name.</exception>
    public static TimeZoneInfo Find(string name, string field = "timezone")
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ZonedTime.Find(name) is { } zone)
        {
            return zone;
        }

        var closest = TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .OrderBy(id => Spelling.Distance(id.ToUpperInvariant(), name.ToUpperInvariant()))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(3);
        throw new InvalidInputException(field, $"'{name}' is not an IANA time zone name; did you mean {string.Join(", ", closest)}?");
    }
}

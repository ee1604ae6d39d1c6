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
            .OrderBy(id => Distance(id.ToUpperInvariant(), name.ToUpperInvariant()))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(3);
        throw new InvalidInputException(field, $"'{name}' is not an IANA time zone name; did you mean {string.Join(", ", closest)}?");
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}

using System.Globalization;

namespace FlexMeasures.Data.Time;

/// <summary>ISO 8601 date-times that must carry their offset (FlexMeasures' "aware datetime").</summary>
public static class AwareDateTime
{
    /// <summary>Whether the time part of <paramref name="text"/> names an offset (<c>Z</c>, <c>+01:00</c>, <c>-05</c>).</summary>
    public static bool HasOffset(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var time = text.IndexOf('T', StringComparison.Ordinal) is var t and >= 0 ? text[(t + 1)..] : text.Length > 10 ? text[10..] : "";
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }

    /// <summary>Parses a date-time with an offset; false for anything else, naive date-times included.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}

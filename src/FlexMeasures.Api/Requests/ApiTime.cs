using System.Globalization;
using System.Text;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Api.Requests;

/// <summary>Times and durations written as FlexMeasures writes them in API responses and messages.</summary>
internal static class ApiTime
{
    /// <summary>
    /// FlexMeasures' <c>duration_isoformat</c>: hours, minutes and seconds only (a day is <c>PT24H</c>, zero is
    /// <c>PT0H</c>), without a sign.
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        var ticks = Math.Abs(value.Ticks);
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks / TimeSpan.TicksPerMinute % 60;
        var seconds = ticks / TimeSpan.TicksPerSecond % 60;
        var fraction = ticks % TimeSpan.TicksPerSecond;
        if (ticks == 0)
        {
            return "PT0H";
        }

        var builder = new StringBuilder("PT");
        IsoDuration.AppendTime(builder, (ulong)hours, (ulong)minutes, (ulong)seconds, (ulong)fraction);
        return builder.ToString();
    }

    /// <summary>Python's <c>str(timedelta)</c>, as FlexMeasures' messages quote durations: <c>0:04:10</c>, <c>1 day, 0:00:00</c>.</summary>
    public static string Timedelta(TimeSpan value)
    {
        // Python normalises to whole days (possibly negative) plus a positive remainder below one day.
        var days = (long)Math.Floor(value.Ticks / (double)TimeSpan.TicksPerDay);
        var rest = value.Ticks - (days * TimeSpan.TicksPerDay);
        var clock = string.Create(
            CultureInfo.InvariantCulture,
            $"{rest / TimeSpan.TicksPerHour}:{rest / TimeSpan.TicksPerMinute % 60:D2}:{rest / TimeSpan.TicksPerSecond % 60:D2}");
        var micro = rest % TimeSpan.TicksPerSecond / 10;
        if (micro > 0)
        {
            clock += string.Create(CultureInfo.InvariantCulture, $".{micro:D6}");
        }

        return days == 0 ? clock : string.Create(CultureInfo.InvariantCulture, $"{days} day{(Math.Abs(days) == 1 ? "" : "s")}, {clock}");
    }

    /// <summary>ISO 8601 with the offset the client used (<c>2021-05-02T00:00:00+02:00</c>).</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

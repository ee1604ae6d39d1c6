using System.Globalization;

namespace FlexMeasures.Api.Ui;

/// <summary>A stored UTC time as the viewer reads it: their zone, to the minute.</summary>
internal static class LocalTime
{
    public static string Format(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

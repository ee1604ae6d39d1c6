using System.Globalization;

namespace FlexMeasures.Cli;

/// <summary>
/// The zone the command line shows instants in (<c>FLEXMEASURES_TIMEZONE</c>, UTC by default). Every instant
/// shown carries its offset (or says UTC), so output read in another zone is never misread.
/// </summary>
internal sealed record DisplayZone(TimeZoneInfo Zone)
{
    public static DisplayZone Utc { get; } = new(TimeZoneInfo.Utc);

    private bool IsUtc => Zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu";

    /// <summary>The zone's IANA name, for column headers.</summary>
    public string Name => IsUtc ? "UTC" : Zone.Id;

    /// <summary>Wall-clock time in the zone, without an offset, for a table whose header names the zone.</summary>
    public string Wall(DateTime utc, string format) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the zone's offset (<c>Z</c> in UTC), for files and scripts.</summary>
    public string Iso(DateTime utc) => IsUtc
        ? DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
        : TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A time in a listing: <c>2024-06-07 00:00:00 UTC</c>, or with the zone's offset.</summary>
    public string Stamp(DateTime utc) => IsUtc
        ? Wall(utc, "yyyy-MM-dd HH:mm:ss") + " UTC"
        : TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
}

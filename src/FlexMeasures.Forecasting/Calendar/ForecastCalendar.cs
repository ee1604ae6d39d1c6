using System.Collections.Concurrent;
using PublicHoliday;

namespace FlexMeasures.Forecasting.Calendar;

/// <summary>
/// The local calendar a sensor lives by: its time zone (hour of day and weekday as people there see them, across
/// daylight-saving changes) and its holidays: where a country is known, that country's public holidays, and the
/// holiday periods given (FlexMeasures' holiday annotations of the sensor, its assets and account).
/// </summary>
/// <param name="TimeZone">The sensor's time zone.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code whose public holidays count (see <see cref="SupportsCountry"/>); null: none.</param>
public sealed record ForecastCalendar(TimeZoneInfo TimeZone, string? Country = null)
{
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> holidaysByYear = new();

    public static ForecastCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo TimeZone { get; init; } = TimeZone ?? throw new ArgumentNullException(nameof(TimeZone));

    public string? Country { get; init; } = Country is null || SupportsCountry(Country)
        ? Country?.ToUpperInvariant()
        : throw new ArgumentException($"No public-holiday calendar for country '{Country}'; known: {string.Join(", ", KnownCountries)}.", nameof(Country));

    /// <summary>Country codes with a public-holiday calendar (those of the PublicHoliday package).</summary>
    public static IReadOnlyList<string> KnownCountries { get; } =
        [.. Enum.GetNames<PublicHolidayCountryCode>().Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal)];

    public static bool SupportsCountry(string code) =>
        KnownCountries.Contains(code.ToUpperInvariant(), StringComparer.Ordinal);

    /// <summary>Holiday periods as UTC [start, end), sorted by start; an event starting in one is a holiday.</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> HolidayPeriods { get; init; } = [];

    /// <summary>Whether this calendar knows any holidays (a country, or periods), so a model should use a holiday feature.</summary>
    public bool HasHolidays => Country is not null || HolidayPeriods.Count > 0;

    /// <summary>True when the event starting at the UTC instant is on a holiday: a public holiday of <see cref="Country"/> (by local day) or in a holiday period.</summary>
    public bool IsHolidayAt(DateTime utc)
    {
        if (Country is not null && IsHoliday(Local(utc)))
        {
            return true;
        }

        foreach (var (start, end) in HolidayPeriods)
        {
            if (start > utc)
            {
                return false;
            }

            if (utc < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The wall-clock time at a UTC instant.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>True when the local day of <paramref name="local"/> is a public holiday in <see cref="Country"/>.</summary>
    public bool IsHoliday(DateTime local)
    {
        if (Country is null)
        {
            return false;
        }

        var days = holidaysByYear.GetOrAdd(local.Year, year =>
            [.. PublicHolidayFactory.GetPublicHolidayForCountry(Country).PublicHolidays(year).Select(DateOnly.FromDateTime)]);
        return days.Contains(DateOnly.FromDateTime(local));
    }

    public bool Equals(ForecastCalendar? other) =>
        other is not null && TimeZone.Id == other.TimeZone.Id && Country == other.Country && HolidayPeriods.SequenceEqual(other.HolidayPeriods);

    public override int GetHashCode() => HashCode.Combine(TimeZone.Id, Country, HolidayPeriods.Count);
}

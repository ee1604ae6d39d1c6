using System.Globalization;

namespace FlexMeasures.Api.Ui.Graphs;

/// <summary>
/// The stretch of calendar a graph shows: a day, a week (Monday to Monday), a month or a year holding a date, from
/// midnight to midnight in a time zone. So a day on which the clocks change lasts 23 or 25 hours.
/// </summary>
/// <param name="Name">One of <see cref="Names"/>.</param>
/// <param name="Date">The date asked for (any date within the period).</param>
/// <param name="Start">The period's first day.</param>
/// <param name="End">The day after the period's last day.</param>
internal sealed record GraphPeriod(string Name, DateOnly Date, DateOnly Start, DateOnly End, TimeZoneInfo Zone)
{
    public const string DefaultName = "week";

    public static IReadOnlyList<string> Names { get; } = ["day", "week", "month", "year"];

    /// <summary>The period of kind <paramref name="name"/> (one of <see cref="Names"/>) that holds <paramref name="date"/>.</summary>
    public static GraphPeriod Of(string name, DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = name switch
        {
            "day" => date,
            "week" => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            "month" => new DateOnly(date.Year, date.Month, 1),
            "year" => new DateOnly(date.Year, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a graph period."),
        };
        return new GraphPeriod(name, date, start, Step(name, start, 1), zone);
    }

    public DateTimeOffset StartInstant => Midnight(Start);

    public DateTimeOffset EndInstant => Midnight(End);

    /// <summary>A date in the period before this one (its first day), for the "earlier" link.</summary>
    public DateOnly Previous => Step(Name, Start, -1);

    public DateOnly Next => End;

    /// <summary>How long the period lasts in real time (a day with a DST change: 23 or 25 hours).</summary>
    public TimeSpan Length => EndInstant - StartInstant;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant the day starts in the zone, with the zone's offset then.</summary>
    private DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);

        // Where a zone's clocks jump over midnight, the day starts at the first minute that exists.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(local, Zone);
        return new DateTimeOffset(utc).ToOffset(Zone.GetUtcOffset(utc));
    }

    private static DateOnly Step(string name, DateOnly start, int count) => name switch
    {
        "day" => start.AddDays(count),
        "week" => start.AddDays(7 * count),
        "month" => start.AddMonths(count),
        _ => start.AddYears(count),
    };
}

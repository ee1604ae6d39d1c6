using System.Globalization;

namespace FlexMeasures.Data.Sensors;

/// <summary>
/// How stale a sensor's data of one source type is (FlexMeasures' sensor status): one entry per source type that
/// stored data, or one entry without a source type when nothing was recorded.
/// </summary>
/// <param name="Staleness">How long ago the data became known (always positive); null without relevant data.</param>
/// <param name="Stale">True when the data is older (or reaches less far ahead) than the sensor's status specs allow.</param>
/// <param name="StalenessSince">UTC: since when the staleness counts; null when nothing was recorded.</param>
/// <param name="Reason">FlexMeasures' words for why the data is (not) stale.</param>
/// <param name="SourceType">The data source type (<c>user</c>, <c>forecaster</c>, …); null when nothing was recorded.</param>
public sealed record SensorStatus(TimeSpan? Staleness, bool Stale, DateTime? StalenessSince, string Reason, string? SourceType)
{
    /// <summary>The source types FlexMeasures looks at for staleness, in its order.</summary>
    public static IReadOnlyList<string> SourceTypes { get; } = ["user", "scheduler", "forecaster", "reporter", "demo script", "gateway", "market"];

    /// <summary>Source types whose data is about the future: stale when it does not reach far enough ahead.</summary>
    private static readonly HashSet<string> Ahead = ["scheduler", "forecaster"];

    /// <summary>
    /// The statuses, as FlexMeasures' <c>get_statuses</c> works them out: for forecasters and schedulers the start of
    /// their latest event, for other sources the knowledge time of their latest event, measured from
    /// <paramref name="now"/> and held against the specs.
    /// </summary>
    /// <param name="latestEvents">Per source type with data, the start (UTC) of its latest event believed by <paramref name="now"/>.</param>
    /// <param name="knowledgeTime">The knowledge time (UTC) of the event starting at the given instant.</param>
    public static IReadOnlyList<SensorStatus> Evaluate(
        IReadOnlyDictionary<string, DateTime> latestEvents, Func<DateTime, DateTime> knowledgeTime, SensorStatusSpecs specs, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(latestEvents);
        ArgumentNullException.ThrowIfNull(knowledgeTime);
        ArgumentNullException.ThrowIfNull(specs);
        if (latestEvents.Count == 0)
        {
            return [new SensorStatus(null, true, null, "no data recorded", null)];
        }

        var statuses = new List<SensorStatus>();
        foreach (var type in SourceTypes.Where(latestEvents.ContainsKey))
        {
            var latest = latestEvents[type];
            if (Ahead.Contains(type) && latest <= now)
            {
                statuses.Add(new SensorStatus(null, true, latest, "Found no future data which this source should have", type));
                continue;
            }

            var since = Ahead.Contains(type) ? latest : knowledgeTime(latest);
            var staleness = now - since;
            var past = staleness > TimeSpan.Zero;
            var allowed = past ? specs.MaxStaleness : specs.MaxFutureStaleness;
            var stale = staleness > allowed;
            var timeline = past ? "old" : "in the future";
            var verdict = past
                ? (stale ? "but should not be more" : "which is not more")
                : (stale ? "but should be more" : "which is not less");
            var shown = past ? staleness : -staleness;
            statuses.Add(new SensorStatus(
                shown,
                stale,
                since,
                $"most recent data is {Words(shown)} {timeline}, {verdict} than {Words(allowed)} {timeline}",
                type));
        }

        return statuses;
    }

    /// <summary>
    /// A duration in words, as Python's <c>humanize.precisedelta</c> writes it: "1 day, 2 hours and 30 minutes"
    /// (the sign is dropped; a year is 365 days and a month 30.5, a half day left by the months carries into the
    /// hours; seconds keep two decimals only when they have a fraction).
    /// </summary>
    public static string Words(TimeSpan value)
    {
        var ticks = Math.Abs(value.Ticks);
        var days = ticks / TimeSpan.TicksPerDay;
        var (years, dayOfYear) = Math.DivRem(days, 365);
        var months = (long)(dayOfYear / 30.5);
        var monthDays = dayOfYear - (months * 30.5);
        var hours = (ticks / TimeSpan.TicksPerHour % 24) + (monthDays % 1 == 0 ? 0 : 12);
        var parts = new List<string>();
        Add(parts, years, "year");
        Add(parts, months, "month");
        Add(parts, (long)monthDays, "day");
        Add(parts, hours, "hour");
        Add(parts, ticks / TimeSpan.TicksPerMinute % 60, "minute");
        var seconds = ticks % TimeSpan.TicksPerMinute;
        if (seconds % TimeSpan.TicksPerSecond == 0)
        {
            Add(parts, seconds / TimeSpan.TicksPerSecond, "second");
        }
        else
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds / (double)TimeSpan.TicksPerSecond:0.00} seconds"));
        }

        return parts.Count switch
        {
            0 => "0 seconds",
            1 => parts[0],
            _ => $"{string.Join(", ", parts[..^1])} and {parts[^1]}",
        };
    }

    private static void Add(List<string> parts, long count, string unit)
    {
        if (count != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}"));
        }
    }
}

using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Resamples one deterministic series (one value per event) to the bins of a requested resolution over a
/// window, as FlexMeasures' sensor data API does.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Bins start at the window start and step by the target resolution; a last bin cut short by the window end
/// is kept. Whole-day resolutions (P1D, P7D, …) step by calendar days in the sensor's time zone, so a bin holding
/// a daylight-saving change lasts 23 or 25 hours.</item>
/// <item>Downsampling a sensor with a resolution (a flow or stock per event): the mean of the events starting in
/// the bin; missing events are left out of the mean.</item>
/// <item>Instantaneous sensors (resolution zero): the earliest value in the bin.</item>
/// <item>Upsampling (target shorter than the event resolution): each bin takes the value of the event whose
/// duration contains the bin start.</item>
/// <item>A bin without data is null.</item>
/// </list>
/// </remarks>
public static class Resampler
{
    /// <summary>One value per bin from <paramref name="windowStartUtc"/> to <paramref name="windowEndUtc"/>.</summary>
    /// <param name="events">Event starts (UTC) and values, in any order; events outside the window are ignored.</param>
    /// <param name="eventResolution">The sensor's resolution; zero for instantaneous sensors.</param>
    /// <param name="windowStartUtc">Start of the first bin.</param>
    /// <param name="windowEndUtc">End of the last bin (exclusive).</param>
    /// <param name="targetResolution">The bin length; whole days are calendar days in <paramref name="timezone"/>.</param>
    /// <param name="timezone">IANA time zone for calendar-day bins, e.g. <c>Europe/Amsterdam</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target resolution is not positive.</exception>
    /// <exception cref="ArgumentException">The window ends before it starts, or the time zone is unknown.</exception>
    public static double?[] Resample(
        IReadOnlyList<(DateTime EventStart, double Value)> events,
        TimeSpan eventResolution,
        DateTime windowStartUtc,
        DateTime windowEndUtc,
        TimeSpan targetResolution,
        string timezone)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventResolution, TimeSpan.Zero);
        var starts = BinStarts(windowStartUtc, windowEndUtc, targetResolution, timezone);
        var end = ZonedTime.AsUtc(windowEndUtc, nameof(windowEndUtc));
        var values = new double?[starts.Count];
        var ordered = events
            .Select(e => (EventStart: ZonedTime.AsUtc(e.EventStart, nameof(events)), e.Value))
            .OrderBy(e => e.EventStart);

        if (eventResolution > TimeSpan.Zero && targetResolution < eventResolution)
        {
            foreach (var (eventStart, value) in ordered)
            {
                var eventEnd = eventStart + eventResolution;
                for (var bin = FirstBinStartingAtOrAfter(starts, eventStart); bin < starts.Count && starts[bin] < eventEnd; bin++)
                {
                    values[bin] = value;
                }
            }

            return values;
        }

        var means = new BinMean[starts.Count];
        foreach (var (eventStart, value) in ordered)
        {
            var bin = BinOf(starts, end, eventStart);
            if (bin < 0)
            {
                continue;
            }

            if (eventResolution == TimeSpan.Zero)
            {
                // An instantaneous reading is a state, not an amount: the bin shows the first state seen in it.
                values[bin] ??= value;
            }
            else
            {
                means[bin].Add(value);
            }
        }

        if (eventResolution > TimeSpan.Zero)
        {
            for (var bin = 0; bin < values.Length; bin++)
            {
                values[bin] = means[bin].Value;
            }
        }

        return values;
    }

    /// <summary>
    /// The start (UTC) of every bin <see cref="Resample"/> returns: the response's time axis.
    /// </summary>
    /// <inheritdoc cref="Resample" path="/param[@name='windowStartUtc' or @name='windowEndUtc' or @name='targetResolution' or @name='timezone']"/>
    /// <inheritdoc cref="Resample" path="/exception"/>
    public static IReadOnlyList<DateTime> BinStarts(DateTime windowStartUtc, DateTime windowEndUtc, TimeSpan targetResolution, string timezone)
    {
        ArgumentNullException.ThrowIfNull(timezone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetResolution, TimeSpan.Zero);
        var start = ZonedTime.AsUtc(windowStartUtc, nameof(windowStartUtc));
        var end = ZonedTime.AsUtc(windowEndUtc, nameof(windowEndUtc));
        if (end < start)
        {
            throw new ArgumentException($"The window ends ({end:O}) before it starts ({start:O}).", nameof(windowEndUtc));
        }

        var zone = ZonedTime.Find(timezone) ?? throw new ArgumentException($"Unknown time zone '{timezone}'.", nameof(timezone));
        var starts = new List<DateTime>();
        if (targetResolution.Ticks % TimeSpan.TicksPerDay == 0)
        {
            var days = (int)(targetResolution.Ticks / TimeSpan.TicksPerDay);
            var localStart = ZonedTime.ToWallClock(start, zone);
            var binStart = start;
            for (var bin = 1; binStart < end; bin++)
            {
                starts.Add(binStart);
                binStart = ZonedTime.ToUtc(localStart.AddDays(bin * days), zone);
            }
        }
        else
        {
            for (var binStart = start; binStart < end; binStart += targetResolution)
            {
                starts.Add(binStart);
            }
        }

        return starts;
    }

    /// <summary>
    /// Where bins of <paramref name="targetResolution"/> that cover <paramref name="windowStartUtc"/> begin when they are
    /// counted from the start of its day, as pandas' <c>resample</c> counts them (<c>origin="start_day"</c>): midnight in
    /// <paramref name="timezone"/>, plus whole bins up to the window start. A 03:00 start with 2-hour bins gives 02:00;
    /// whole-day bins begin at midnight. Sub-day bins count elapsed time, so on a daylight-saving day they sit an hour
    /// off the wall clock after the change, as pandas' do.
    /// </summary>
    /// <inheritdoc cref="Resample" path="/exception"/>
    public static DateTime DayAlignedStart(DateTime windowStartUtc, TimeSpan targetResolution, string timezone)
    {
        ArgumentNullException.ThrowIfNull(timezone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetResolution, TimeSpan.Zero);
        var start = ZonedTime.AsUtc(windowStartUtc, nameof(windowStartUtc));
        var zone = ZonedTime.Find(timezone) ?? throw new ArgumentException($"Unknown time zone '{timezone}'.", nameof(timezone));
        var midnight = ZonedTime.ToUtc(ZonedTime.ToWallClock(start, zone).Date, zone);
        if (targetResolution.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return midnight;
        }

        return midnight + (targetResolution * ((start - midnight).Ticks / targetResolution.Ticks));
    }

    /// <summary>
    /// The resolution FlexMeasures picks for an instantaneous sensor when none is requested: coarser for longer windows
    /// (over 16 weeks: 1 week; over 14 days: 1 day; over 48 hours: 1 hour; over 8 hours: 15 minutes; else 5 minutes).
    /// </summary>
    public static TimeSpan DefaultInstantaneousResolution(TimeSpan window) =>
        window switch
        {
            _ when window > TimeSpan.FromDays(16 * 7) => TimeSpan.FromHours(168),
            _ when window > TimeSpan.FromDays(14) => TimeSpan.FromHours(24),
            _ when window > TimeSpan.FromHours(48) => TimeSpan.FromHours(1),
            _ when window > TimeSpan.FromHours(8) => TimeSpan.FromMinutes(15),
            _ => TimeSpan.FromMinutes(5),
        };

    /// <summary>The bin holding <paramref name="time"/>, or −1 when it lies outside the window.</summary>
    private static int BinOf(IReadOnlyList<DateTime> starts, DateTime end, DateTime time)
    {
        if (starts.Count == 0 || time < starts[0] || time >= end)
        {
            return -1;
        }

        var next = FirstBinStartingAtOrAfter(starts, time);
        return next < starts.Count && starts[next] == time ? next : next - 1;
    }

    /// <summary>Index of the first bin starting at or after <paramref name="time"/>; the count when there is none.</summary>
    private static int FirstBinStartingAtOrAfter(IReadOnlyList<DateTime> starts, DateTime time)
    {
        var (low, high) = (0, starts.Count);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (starts[middle] < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

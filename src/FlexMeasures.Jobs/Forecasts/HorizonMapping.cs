using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Forecasting;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>
/// From FlexMeasures' belief horizon to the forecasting library's horizon.
/// </summary>
/// <remarks>
/// A stored belief's horizon <c>H</c> counts back from the event's <em>knowledge time</em>: belief time =
/// knowledge time − H (for the default <c>ex_post</c> sensor the knowledge time is the event's end). The library's
/// <c>ForecastRequest.Horizon</c> counts back from the event's <em>start</em>. So the library horizon of event
/// <c>t</c> is <c>t − belief time = t − knowledge time(t) + H</c>, which is <c>H − resolution</c> for
/// <c>ex_post</c>. One request has one horizon, so we take the largest over the events (never less than zero):
/// no event's forecast then uses a measurement that was not known at its own belief time.
/// </remarks>
public static class HorizonMapping
{
    /// <param name="beliefHorizon">FlexMeasures' belief horizon (positive for forecasts).</param>
    /// <param name="eventStarts">UTC starts of the events to forecast.</param>
    public static TimeSpan LibraryHorizon(Sensor sensor, TimeSpan beliefHorizon, IEnumerable<DateTime> eventStarts)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(eventStarts);
        var largest = TimeSpan.MinValue;
        foreach (var start in eventStarts)
        {
            var knowledgeTime = KnowledgeHorizons.KnowledgeTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, start, sensor.EventResolution);
            var horizon = start - knowledgeTime + beliefHorizon;
            if (horizon > largest)
            {
                largest = horizon;
            }
        }

        return largest == TimeSpan.MinValue ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, largest.Ticks));
    }

    /// <summary>
    /// <c>[start, end)</c> cut at the weeks of <see cref="RefitSchedule"/>, each part with the library horizon of its
    /// whole week's events: so an event's library horizon, and with it its forecast, does not depend on the window
    /// asked for (it would for sensors whose knowledge time is not the event's end, e.g. day-ahead prices, when
    /// taken over the window).
    /// </summary>
    public static IReadOnlyList<(DateTime Start, DateTime End, TimeSpan LibraryHorizon)> Parts(Sensor sensor, TimeSpan beliefHorizon, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var resolution = sensor.EventResolution;
        if (RefitSchedule.Period.Ticks % resolution.Ticks != 0)
        {
            return [(start, end, LibraryHorizon(sensor, beliefHorizon, Enumerable.Range(0, (int)((end - start).Ticks / resolution.Ticks)).Select(i => start + (i * resolution))))];
        }

        var parts = new List<(DateTime, DateTime, TimeSpan)>();
        for (var week = RefitSchedule.AnchorOf(start); week < end; week += RefitSchedule.Period)
        {
            var weekEvents = Enumerable.Range(0, (int)(RefitSchedule.Period.Ticks / resolution.Ticks)).Select(i => week + (i * resolution));
            var from = week < start ? start : week;
            var until = week + RefitSchedule.Period > end ? end : week + RefitSchedule.Period;
            parts.Add((from, until, LibraryHorizon(sensor, beliefHorizon, weekEvents)));
        }

        return parts;
    }

    /// <summary>The start of the resolution step holding <paramref name="time"/> (UTC).</summary>
    public static DateTime Floor(DateTime time, TimeSpan resolution) =>
        new(time.Ticks - (time.Ticks % resolution.Ticks), DateTimeKind.Utc);

    /// <summary>The first step start at or after <paramref name="time"/> (UTC).</summary>
    public static DateTime Ceiling(DateTime time, TimeSpan resolution)
    {
        var floor = Floor(time, resolution);
        return floor.Ticks == time.Ticks ? floor : floor + resolution;
    }
}

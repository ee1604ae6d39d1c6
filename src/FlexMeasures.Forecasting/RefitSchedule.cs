namespace FlexMeasures.Forecasting;

/// <summary>
/// When fitted models are fitted: once per week, on the data known at the week's start (Monday 00:00 UTC, the
/// <em>anchor</em>), for every forecast whose belief time falls in that week. So a forecast is a function of the
/// model, the horizon, the event and the data known at its belief time only, whatever window it was asked in or
/// however the work was split into jobs: recomputing it gives the same bits.
/// </summary>
public static class RefitSchedule
{
    /// <summary>Time between two fits.</summary>
    public static TimeSpan Period { get; } = TimeSpan.FromDays(7);

    /// <summary>The span before each anchor auto validates its candidates on (at least <see cref="ValidationEvents"/> events).</summary>
    public static TimeSpan ValidationPeriod { get; } = TimeSpan.FromDays(28);

    /// <summary>The fewest events auto validates on (more than four weeks of them for data coarser than 6 h: 16 weeks of daily data).</summary>
    public const int ValidationEvents = 112;

    /// <summary>
    /// History before the anchor of the first belief time that every model may read: the double-seasonal
    /// fit window (8 weeks), plus auto's validation period (<see cref="ValidationPeriod"/>, or <see cref="ValidationEvents"/>
    /// events when longer) with the anchors of its own forecasts (up to 2 weeks earlier at horizons up to a week). A
    /// caller that passes at least this much gives the same forecasts as one that passes more.
    /// </summary>
    public static TimeSpan Lookback(TimeSpan resolution) => TimeSpan.FromDays(70) + ValidationPeriod + (ValidationEvents * resolution);

    /// <summary>The anchor of a belief time (UTC): the Monday 00:00 UTC at or before it (<see cref="DateTime.MinValue"/> is a Monday).</summary>
    public static DateTime AnchorOf(DateTime beliefTime) =>
        new(beliefTime.Ticks - (beliefTime.Ticks % Period.Ticks), DateTimeKind.Utc);

    /// <summary>The start of the history that forecasts of events from <paramref name="firstEvent"/> on, at <paramref name="horizon"/>, may use.</summary>
    public static DateTime HistoryStart(DateTime firstEvent, TimeSpan horizon, TimeSpan resolution) => AnchorOf(firstEvent - horizon) - Lookback(resolution);

    /// <summary>
    /// Forecasts the events of <paramref name="request"/> part by part, one part per anchor of their belief
    /// times, with <paramref name="forecastPart"/> (which fits on data known at the anchor it is given).
    /// </summary>
    internal static ForecastResult ForecastEachPeriod(ForecastRequest request, Func<ForecastRequest, DateTime, ForecastResult> forecastPart)
    {
        var values = new double?[request.EventCount];
        var choices = new List<ModelChoice>();
        var offset = 0;
        while (offset < values.Length)
        {
            var first = request.ForecastStart + (offset * request.History.Resolution);
            var anchor = AnchorOf(first - request.Horizon);
            var count = 1;
            while (offset + count < values.Length && AnchorOf(first + (count * request.History.Resolution) - request.Horizon) == anchor)
            {
                count++;
            }

            var part = request with { ForecastStart = first, ForecastEnd = first + (count * request.History.Resolution) };
            var result = forecastPart(part, anchor);
            for (var i = 0; i < count; i++)
            {
                values[offset + i] = result.Values.Values[i];
            }

            choices.AddRange(result.Choices);
            offset += count;
        }

        return ForecastResult.Combine(request.ToSeries(values), choices);
    }

    /// <summary>Number of history values whose events ended by <paramref name="anchor"/> (at most the history's length).</summary>
    internal static int KnownBy(Series history, DateTime anchor) =>
        (int)Math.Clamp(history.FloorIndex(anchor), 0, history.Count);
}

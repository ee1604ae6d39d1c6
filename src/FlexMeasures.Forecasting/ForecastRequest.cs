using FlexMeasures.Forecasting.Calendar;

namespace FlexMeasures.Forecasting;

/// <summary>
/// What to forecast: every event of <see cref="History"/>'s grid that starts in
/// <c>[ForecastStart, ForecastEnd)</c>, each at the same <see cref="Horizon"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>The no-peeking rule.</b> The forecast of the event starting at <c>t</c> is made at belief time
/// <c>t − Horizon</c>. It may use a history value only when that value's event has <em>ended</em> by
/// then: event <c>[s, s + resolution)</c> is usable iff <c>s + resolution ≤ t − Horizon</c>. This is
/// when an <c>ex_post</c> measurement (knowledge horizon 0) becomes known. Model parameters fitted
/// once per request use only data known at the earliest belief time, <c>ForecastStart − Horizon</c>.
/// Every model in this library obeys the rule, so callers (such as the backtester) may pass a
/// history that runs past the belief times.
/// </para>
/// <para>
/// FlexMeasures' belief horizons count back from the knowledge time (the event's end for
/// <c>ex_post</c> sensors), so a FlexMeasures belief horizon of <c>H</c> corresponds to
/// <c>Horizon = H − resolution</c> here; with <c>Horizon = H</c> we are one resolution more cautious.
/// </para>
/// <para>
/// <see cref="Regressors"/> (e.g. weather forecasts) are read at the event's own time: the caller
/// is responsible for passing values that were known at belief time. <see cref="PastRegressors"/>
/// (measurements of another sensor) obey the no-peeking rule like the history itself.
/// </para>
/// </remarks>
/// <param name="History">Measurements on the grid the forecasts are made on.</param>
/// <param name="ForecastStart">Start of the first event to forecast; on the history's grid.</param>
/// <param name="ForecastEnd">End of the forecast window (exclusive); not before <paramref name="ForecastStart"/>.</param>
/// <param name="Horizon">Time between belief time and event start; not negative.</param>
/// <param name="Regressors">Extra explanatory series at the history's resolution, read at each event's start.</param>
public sealed record ForecastRequest(
    Series History,
    DateTime ForecastStart,
    DateTime ForecastEnd,
    TimeSpan Horizon,
    IReadOnlyList<Series>? Regressors = null)
{
    public Series History { get; init; } = History ?? throw new ArgumentNullException(nameof(History));

    public DateTime ForecastStart { get; init; } = History.IsOnGrid(ForecastStart)
        ? ForecastStart
        : throw new ArgumentException($"Forecast start {ForecastStart:O} is not on the history's grid (start {History.Start:O}, resolution {History.Resolution}).", nameof(ForecastStart));

    public DateTime ForecastEnd { get; init; } = ForecastEnd >= ForecastStart
        ? ForecastEnd
        : throw new ArgumentException($"Forecast end {ForecastEnd:O} is before forecast start {ForecastStart:O}.", nameof(ForecastEnd));

    public TimeSpan Horizon { get; init; } = Horizon >= TimeSpan.Zero
        ? Horizon
        : throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "A forecast horizon cannot be negative.");

    /// <summary>
    /// Measurements of other sensors at the history's resolution, usable (like the history) only where their event
    /// had ended by the belief time; FlexMeasures' <c>past-regressors</c>.
    /// </summary>
    public IReadOnlyList<Series>? PastRegressors { get; init; }

    /// <summary>The sensor's local calendar for hour-of-day, weekday and holiday features; null: UTC, no holidays.</summary>
    public ForecastCalendar? Calendar { get; init; }

    /// <summary>Number of events to forecast.</summary>
    public int EventCount => (int)Math.Max(0, History.CeilingIndex(ForecastEnd) - History.CeilingIndex(ForecastStart));

    /// <summary>Index in <see cref="History"/> of the first event to forecast (may lie beyond the history).</summary>
    internal int FirstEventIndex => (int)History.CeilingIndex(ForecastStart);

    /// <summary>
    /// Index in <see cref="History"/> of the last event known at the belief time of the event with
    /// index <paramref name="eventIndex"/>: the largest <c>i</c> with <c>end(i) ≤ start(event) − Horizon</c>.
    /// May be negative (nothing known) or beyond the history (the history stops earlier).
    /// </summary>
    internal int LastKnownIndex(int eventIndex) =>
        (int)History.FloorIndex(History.TimeAt(eventIndex) - Horizon) - 1;

    /// <summary>Regressors must be on the history's resolution: models read them event by event.</summary>
    /// <exception cref="ArgumentException">A regressor or past regressor has another resolution.</exception>
    internal void CheckRegressorResolutions()
    {
        foreach (var regressor in (Regressors ?? []).Concat(PastRegressors ?? []))
        {
            if (regressor.Resolution != History.Resolution)
            {
                throw new ArgumentException(
                    $"A regressor has resolution {regressor.Resolution}, the history {History.Resolution}; resample it first.",
                    "request");
            }
        }
    }

    /// <summary>Wraps forecast values (one per event) as a series starting at <see cref="ForecastStart"/>.</summary>
    internal Series ToSeries(double?[] values) => new(ForecastStart, History.Resolution, values);
}

using FlexMeasures.Forecasting.Calendar;

namespace FlexMeasures.Forecasting.GradientBoosting;

/// <summary>
/// The features of one event for the <c>lightgbm</c> model, each known at the event's belief time: the mean of
/// the last day known (the level), and relative to it the latest four values and the same time of day one and two whole days back and one whole
/// week back (as many whole days or weeks as it takes to reach a known value), the hour of day, weekday and
/// holiday flag in the sensor's calendar, the regressors at the event and the past regressors at belief time.
/// Unknown values are NaN, which LightGBM treats as missing.
/// </summary>
internal sealed class LagFeatures
{
    private const int RecentLags = 4;

    private readonly ForecastRequest request;
    private readonly double[] values;
    private readonly double[] prefixSums;
    private readonly int[] prefixCounts;
    private readonly int day;
    private readonly ForecastCalendar calendar;
    private readonly IReadOnlyList<Series> regressors;
    private readonly IReadOnlyList<Series> pastRegressors;

    public LagFeatures(ForecastRequest request)
    {
        this.request = request;
        values = request.History.ToArray();
        prefixSums = new double[values.Length + 1];
        prefixCounts = new int[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var known = !double.IsNaN(values[i]);
            prefixSums[i + 1] = prefixSums[i] + (known ? values[i] : 0);
            prefixCounts[i + 1] = prefixCounts[i] + (known ? 1 : 0);
        }

        var resolution = request.History.Resolution;
        day = TimeSpan.TicksPerDay % resolution.Ticks == 0 ? (int)(TimeSpan.TicksPerDay / resolution.Ticks) : 0;
        calendar = request.Calendar ?? ForecastCalendar.Utc;
        regressors = request.Regressors ?? [];
        pastRegressors = request.PastRegressors ?? [];
        Columns = RecentLags + 1 + (day > 0 ? 3 : 0) + 2 + (calendar.HasHolidays ? 1 : 0) + regressors.Count + pastRegressors.Count;
    }

    public int Columns { get; }

    /// <summary>The history as numbers (NaN for gaps), shared with the caller.</summary>
    public double[] Values => values;

    /// <summary>
    /// Writes the features of the event with history index <paramref name="t"/> and returns its level: the mean
    /// of the last day known at belief time (NaN when nothing is known). Lags are written relative to the level,
    /// and the model learns the event's value relative to it too, so trees (which cannot extrapolate) follow a
    /// level they never saw in training.
    /// </summary>
    public double Write(int t, Span<double> row)
    {
        var known = request.LastKnownIndex(t);
        var window = Math.Max(day, RecentLags);
        var from = Math.Clamp(known - window + 1, 0, values.Length);
        var until = Math.Clamp(known + 1, 0, values.Length);
        var count = prefixCounts[until] - prefixCounts[from];
        var level = count > 0 ? (prefixSums[until] - prefixSums[from]) / count : double.NaN;
        var c = 0;
        row[c++] = level;
        for (var lag = 0; lag < RecentLags; lag++)
        {
            row[c++] = At(known - lag) - level;
        }

        if (day > 0)
        {
            var days = WholePeriodsBack(t, known, day);
            row[c++] = At(t - (days * day)) - level;
            row[c++] = At(t - ((days + 1) * day)) - level;
            row[c++] = At(t - (WholePeriodsBack(t, known, 7 * day) * 7 * day)) - level;
        }

        var time = request.History.TimeAt(t);
        var local = calendar.Local(time);
        row[c++] = local.Hour + (local.Minute / 60.0);
        var holiday = calendar.HasHolidays && calendar.IsHolidayAt(time);

        // A holiday is a Sunday to the trees: the flag alone is rarely split on, since a leaf needs more rows than a
        // year holds holidays (min_data_in_leaf), while Sundays are plenty (docs/decisions/0025).
        row[c++] = holiday ? (int)DayOfWeek.Sunday : (int)local.DayOfWeek;
        if (calendar.HasHolidays)
        {
            row[c++] = holiday ? 1 : 0;
        }

        foreach (var regressor in regressors)
        {
            row[c++] = regressor.ValueAt(time) ?? double.NaN;
        }

        var beliefTimeEvent = request.History.TimeAt(known);
        foreach (var regressor in pastRegressors)
        {
            row[c++] = regressor.ValueAt(beliefTimeEvent) ?? double.NaN;
        }

        return level;
    }

    private double At(int index) => index >= 0 && index < values.Length ? values[index] : double.NaN;

    /// <summary>The fewest whole periods back from <paramref name="t"/> that reach an index at or before <paramref name="known"/>.</summary>
    private static int WholePeriodsBack(int t, int known, int period) =>
        Math.Max(1, (int)Math.Ceiling((t - known) / (double)period));
}

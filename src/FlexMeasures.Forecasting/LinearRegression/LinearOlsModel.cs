using System.Globalization;
using FlexMeasures.Forecasting.Naive;
using MathNet.Numerics.LinearAlgebra;

namespace FlexMeasures.Forecasting.LinearRegression;

/// <summary>
/// "linear-OLS": FlexMeasures' original forecaster — an ordinary-least-squares autoregression on the
/// latest 7 values known at belief time and 7 daily lags, plus optional regressors, trained on the
/// 30 days before its refit anchor (<see cref="RefitSchedule"/>), with a 0/1 holiday column when the request's calendar
/// has holidays (then the holidays of the <see cref="RefitSchedule.Lookback"/> before are trained on too); falls back to <see cref="NaiveModel"/> when
/// that cannot be done.
/// </summary>
/// <remarks>
/// <para>
/// Our reading of FlexMeasures (flexmeasures/data/models/forecasting/, timetomodel-based, before the
/// 2025 rewrite): <c>create_lags</c> takes <c>n_lags = 7</c> lags at the event resolution, starting at
/// <c>1 + (horizon − resolution) // resolution</c> resolutions back — the most recent event known at
/// belief time — and, for assets with daily seasonality, 7 lags of whole days starting at
/// <c>1 + (horizon − resolution) // 1 day</c> days back; duplicates are dropped. Training and testing
/// cover the 30 days before the forecast start (14/15 of it training), with weather forecasts of the
/// nearest sensor (made at least one horizon ahead) as regressors, a Box-Cox transform for pure
/// consumers/producers, and statsmodels' OLS; a failing job falls back to "naive".
/// </para>
/// <para>
/// Here: FlexMeasures counted its horizon back from the event's end, we count from its start (see
/// <see cref="ForecastRequest"/>), so lag <c>k</c> (1..7) of the event at <c>t</c> is the value at
/// <c>t − horizon − k·resolution</c> (rounded up to the grid), and daily lag <c>j</c> is the value
/// <c>(m + j)</c> days back, <c>m</c> the fewest whole days that reach a known value. Training rows are
/// the events of the 30 days up to the refit anchor — only outcomes known then — and there is no
/// separate test split and no Box-Cox transform. Daily lags are left out when a day is not a whole
/// number of resolutions. An event whose own lags or regressors have a gap gets the naive value.
/// </para>
/// </remarks>
public sealed class LinearOlsModel : IForecastModel
{
    public const string ModelName = "linear-OLS";

    /// <summary>History before the first belief time that the regression is trained on.</summary>
    public TimeSpan TrainingPeriod { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Fewer complete training rows than this span of events falls back to the naive model.</summary>
    public TimeSpan MinimumTraining { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Number of lags at the data resolution, and of daily lags.</summary>
    public int LagCount { get; init; } = 7;

    public string Name => ModelName;

    /// <summary>2: trained per week on the 30 days before the week's anchor (see <see cref="RefitSchedule"/>).</summary>
    public string Version => "2";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = request.History;
        var regressors = request.Regressors ?? [];
        request.CheckRegressorResolutions();

        if (request.EventCount == 0)
        {
            return new ForecastResult(request.ToSeries([]), ModelName);
        }

        var values = history.ToArray();
        return RefitSchedule.ForecastEachPeriod(request, (part, anchor) => ForecastPart(part, anchor, values, regressors));
    }

    private ForecastResult ForecastPart(ForecastRequest request, DateTime anchor, double[] values, IReadOnlyList<Series> regressors)
    {
        var history = request.History;
        var naive = new NaiveModel().Forecast(request);
        var firstEvent = request.FirstEventIndex;
        var lastTrainingTarget = RefitSchedule.KnownBy(history, anchor) - 1;
        var offsets = LagOffsets(firstEvent - request.LastKnownIndex(firstEvent), history.Resolution);
        var regressorValues = regressors
            .Select(r => (Func<int, double>)(t => r.ValueAt(history.TimeAt(t)) ?? double.NaN))
            .ToArray();
        var trainingSteps = (int)(TrainingPeriod.Ticks / history.Resolution.Ticks);
        var firstTrainingTarget = Math.Max(0, lastTrainingTarget + 1 - trainingSteps);
        var training = Enumerable.Range(firstTrainingTarget, Math.Max(0, lastTrainingTarget + 1 - firstTrainingTarget));
        var (rows, targets) = TrainingRows(values, offsets, regressorValues, training);
        if (request.Calendar is { HasHolidays: true } calendar)
        {
            // A 0/1 holiday column, trained on the 30 days and on the holidays before them as far back as every caller
            // passes history (30 days rarely hold one, and a forecast must not depend on how much more was passed);
            // left out when the training rows hold no holiday, as a constant column would leave the regression undetermined.
            Func<int, double> holiday = t => calendar.IsHolidayAt(history.TimeAt(t)) ? 1 : 0;
            var lookbackStart = Math.Max(0, (int)history.CeilingIndex(anchor - RefitSchedule.Lookback(history.Resolution)));
            var earlierHolidays = Enumerable.Range(lookbackStart, Math.Max(0, firstTrainingTarget - lookbackStart)).Where(t => holiday(t) == 1);
            var withHoliday = regressorValues.Append(holiday).ToArray();
            var (holidayRows, holidayTargets) = TrainingRows(values, offsets, withHoliday, earlierHolidays.Concat(training));
            var holidays = holidayRows.Count(row => row[^1] == 1);
            if (holidays > 0 && holidays < holidayRows.Count)
            {
                (regressorValues, rows, targets) = (withHoliday, holidayRows, holidayTargets);
            }
        }

        var featureCount = 1 + offsets.Length + regressorValues.Length;

        var minimumRows = Math.Max(featureCount + 1, (int)(MinimumTraining.Ticks / history.Resolution.Ticks));
        if (rows.Count < minimumRows)
        {
            return ForecastResult.FallBack(naive, string.Create(
                CultureInfo.InvariantCulture,
                $"too little data for {ModelName}: {rows.Count} complete training rows known at {anchor:yyyy-MM-dd HH:mm}Z, {minimumRows} needed"));
        }

        var design = Matrix<double>.Build.DenseOfRowArrays(rows);
        var qr = design.QR();
        if (!qr.IsFullRank)
        {
            return ForecastResult.FallBack(naive, $"{ModelName}: the training data do not determine the regression (constant lags)");
        }

        var coefficients = qr.Solve(Vector<double>.Build.DenseOfEnumerable(targets));
        var forecasts = new double?[request.EventCount];
        for (var e = 0; e < forecasts.Length; e++)
        {
            var row = Features(values, offsets, regressorValues, firstEvent + e);
            forecasts[e] = row is null ? naive.Values.Values[e] : Vector<double>.Build.DenseOfArray(row).DotProduct(coefficients);
        }

        return new ForecastResult(request.ToSeries(forecasts), ModelName);
    }

    /// <summary>The complete training rows of the given events, and their targets.</summary>
    private static (List<double[]> Rows, List<double> Targets) TrainingRows(double[] values, int[] offsets, Func<int, double>[] regressors, IEnumerable<int> events)
    {
        var rows = new List<double[]>();
        var targets = new List<double>();
        foreach (var t in events)
        {
            var row = Features(values, offsets, regressors, t);
            if (row is not null && !double.IsNaN(values[t]))
            {
                rows.Add(row);
                targets.Add(values[t]);
            }
        }

        return (rows, targets);
    }

    /// <summary>
    /// Steps back from an event to each lagged value: <paramref name="gap"/> is the distance to the
    /// latest known event, the same for every event of a request.
    /// </summary>
    private int[] LagOffsets(int gap, TimeSpan resolution)
    {
        var offsets = Enumerable.Range(gap, LagCount);
        if (TimeSpan.TicksPerDay % resolution.Ticks == 0)
        {
            var day = (int)(TimeSpan.TicksPerDay / resolution.Ticks);
            var firstDay = (gap + day - 1) / day;
            offsets = offsets.Concat(Enumerable.Range(firstDay, LagCount).Select(d => d * day));
        }

        return offsets.Distinct().Order().ToArray();
    }

    /// <summary>Intercept, lags and regressors of event <paramref name="t"/>; null when one is unknown.</summary>
    private static double[]? Features(double[] values, int[] offsets, Func<int, double>[] regressors, int t)
    {
        var row = new double[1 + offsets.Length + regressors.Length];
        row[0] = 1;
        for (var i = 0; i < offsets.Length; i++)
        {
            var source = t - offsets[i];
            if (source < 0 || source >= values.Length || double.IsNaN(values[source]))
            {
                return null;
            }

            row[1 + i] = values[source];
        }

        for (var i = 0; i < regressors.Length; i++)
        {
            var value = regressors[i](t);
            if (double.IsNaN(value))
            {
                return null;
            }

            row[1 + offsets.Length + i] = value;
        }

        return row;
    }
}

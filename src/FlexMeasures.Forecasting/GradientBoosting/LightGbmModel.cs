using System.Globalization;
using FlexMeasures.Forecasting.Naive;

namespace FlexMeasures.Forecasting.GradientBoosting;

/// <summary>
/// "lightgbm": gradient-boosted regression trees (LightGBM) on features known at each event's belief time — lags,
/// the sensor's local calendar and regressors (see <see cref="LagFeatures"/>) — trained once a week on the year of
/// history known at the week's refit anchor (<see cref="RefitSchedule"/>); falls back to <see cref="NaiveModel"/> when that holds less than a week.
/// </summary>
/// <remarks>
/// <para>
/// FlexMeasures' current pipeline (flexmeasures/data/models/forecasting/custom_models/lgbm_model.py) trains a
/// Darts <c>LightGBMModel</c> on the target's lags, cyclic hour and weekday encodings and past and future
/// covariates (<c>past-regressors</c>, <c>future-regressors</c>, <c>regressors</c> = both). Here: one model per
/// horizon, trained per refit period on the events whose outcome was known at its anchor, each training row built with the same no-peeking rule as a forecast.
/// </para>
/// <para>
/// The model learns each value relative to its level (the mean of the last day known at belief time) and the
/// target is scaled before training (LightGBM keeps labels as 32-bit floats); the training is
/// deterministic (<see cref="GradientBoostingSettings"/>): the same request gives the same bits.
/// </para>
/// </remarks>
public sealed class LightGbmModel : IForecastModel
{
    public const string ModelName = "lightgbm";

    /// <summary>History before the first belief time whose events become training rows.</summary>
    public TimeSpan TrainingPeriod { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Fewer training rows than this span of events (and fewer than 100) falls back to the naive model.</summary>
    public TimeSpan MinimumTraining { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How far before a training row its lags reach, beyond the horizon: two weeks.</summary>
    public static TimeSpan LagReach { get; } = TimeSpan.FromDays(15);

    public string Name => ModelName;

    /// <summary>
    /// 1: trained per week on the year before the week's anchor (see <see cref="RefitSchedule"/>). 2: a public holiday
    /// is seen as a Sunday (its forecasts differ from version 1's on sensors with holidays, so they come from a new
    /// source version rather than being refused as replacements).
    /// </summary>
    public string Version => "2";

    internal GradientBoostingSettings Settings { get; init; } = new();

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.CheckRegressorResolutions();
        if (request.EventCount == 0)
        {
            return new ForecastResult(request.ToSeries([]), ModelName);
        }

        var features = new LagFeatures(request);
        return RefitSchedule.ForecastEachPeriod(request, (part, anchor) => ForecastPart(part, anchor, features));
    }

    /// <summary>Trains on the events known at <paramref name="anchor"/> and forecasts the part's events.</summary>
    private ForecastResult ForecastPart(ForecastRequest request, DateTime anchor, LagFeatures features)
    {
        var naive = new NaiveModel().Forecast(request);
        var values = features.Values;
        var columns = features.Columns;
        var firstEvent = request.FirstEventIndex;
        var lastTarget = RefitSchedule.KnownBy(request.History, anchor) - 1;
        var resolution = request.History.Resolution;
        var firstTarget = Math.Max(0, lastTarget + 1 - (int)(TrainingPeriod.Ticks / resolution.Ticks));
        var rows = new List<double>();
        var labels = new List<double>();
        var row = new double[columns];
        for (var t = firstTarget; t <= lastTarget; t++)
        {
            if (!double.IsNaN(values[t]) && features.Write(t, row) is var level && !double.IsNaN(level))
            {
                rows.AddRange(row);
                labels.Add(values[t] - level);
            }
        }

        var minimumRows = Math.Max(100, (int)(MinimumTraining.Ticks / resolution.Ticks));
        if (labels.Count < minimumRows)
        {
            return ForecastResult.FallBack(naive, string.Create(
                CultureInfo.InvariantCulture,
                $"too little data for {ModelName}: {labels.Count} training rows known at {anchor:yyyy-MM-dd HH:mm}Z, {minimumRows} needed"));
        }

        var spread = Math.Sqrt(labels.Average(l => l * l));
        var scale = spread > 0 ? spread : 1;
        var events = new double[request.EventCount * columns];
        var levels = new double[request.EventCount];
        for (var e = 0; e < request.EventCount; e++)
        {
            levels[e] = features.Write(firstEvent + e, events.AsSpan(e * columns, columns));
        }

        using var model = GradientBoostedTrees.Train([.. rows], [.. labels.Select(l => (float)(l / scale))], columns, Settings);
        var predictions = model.Predict(events);
        var forecasts = new double?[request.EventCount];
        for (var e = 0; e < forecasts.Length; e++)
        {
            forecasts[e] = double.IsNaN(levels[e]) ? naive.Values.Values[e] : levels[e] + (predictions[e] * scale);
        }

        return new ForecastResult(request.ToSeries(forecasts), ModelName);
    }
}

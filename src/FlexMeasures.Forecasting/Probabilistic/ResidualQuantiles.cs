using System.Globalization;

using FlexMeasures.Forecasting.Auto;

namespace FlexMeasures.Forecasting.Probabilistic;

/// <summary>
/// Quantile forecasts for any model: the model's forecast plus the empirical quantiles of the same model's errors
/// at the same horizon over the most recent events known at the forecast's belief time (rolling split-conformal
/// prediction; docs/decisions/0019-lightgbm-and-quantiles.md). For auto, those of the model it chose for the week.
/// </summary>
/// <remarks>
/// <para>
/// The errors are honest out-of-sample errors: the model forecasts the events before the first belief time (the
/// validation events) as it forecasts anything — no peeking, its own fit — and the errors of the requested
/// events themselves join the window as their outcomes become known at later belief times. So each event's
/// quantiles depend only on the data known at its belief time, and they follow a model whose errors drift.
/// </para>
/// <para>
/// The quantiles are monotone by construction: error quantiles rise with the level, every level below 0.5 stays
/// at or under the model's forecast and every level above at or over it, and 0.5 is the forecast itself.
/// </para>
/// </remarks>
public static class ResidualQuantiles
{
    /// <summary>The default error window: the events of the last four weeks, or <see cref="WindowEvents"/> when that is more.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromDays(28);

    /// <summary>Errors wanted in the window at least (two weeks of hourly data; 336 days of daily data).</summary>
    public const int WindowEvents = 336;

    /// <summary>Fewer known errors in an event's window than this gives that event no quantiles.</summary>
    public const int MinimumErrors = 30;

    /// <summary>The recent window is this share of the error window (7 of 28 days).</summary>
    private const int RecentShare = 4;

    /// <summary>
    /// The span of history the error window covers at <paramref name="resolution"/>: <paramref name="window"/> (null:
    /// <see cref="Window"/>), or <see cref="WindowEvents"/> events when that is longer (336 days of daily data).
    /// </summary>
    public static TimeSpan WindowSpan(TimeSpan resolution, TimeSpan? window = null) =>
        TimeSpan.FromTicks(Math.Max((window ?? Window).Ticks, WindowEvents * resolution.Ticks));

    /// <param name="model">Makes the forecasts.</param>
    /// <param name="request">What to forecast.</param>
    /// <param name="levels">Quantile levels, as <see cref="Quantiles.Normalise"/> returns them.</param>
    /// <param name="window">The span of the error window; null: <see cref="Window"/>.</param>
    public static ProbabilisticForecast Forecast(IForecastModel model, ForecastRequest request, IReadOnlyList<double> levels, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0 || request.EventCount == 0)
        {
            return new ProbabilisticForecast(model.Forecast(request), [], 0);
        }

        if (model is AutoModel auto)
        {
            return auto.ForecastWithQuantiles(request, levels, window);
        }

        var history = request.History;
        var size = (int)(WindowSpan(history.Resolution, window).Ticks / history.Resolution.Ticks);
        var first = request.FirstEventIndex;
        var validationStart = Math.Max(0, request.LastKnownIndex(first) + 1 - size);

        // One run over the validation events and the requested ones: a forecast does not depend on the window it was
        // asked in (RefitSchedule), so the requested events get the values of a run of their own, and the refit week
        // where validation meets the request is fitted once, not twice.
        var whole = model.Forecast(request with { ForecastStart = history.TimeAt(validationStart) });
        var point = whole.Slice(request.ForecastStart, request.ForecastEnd);

        // errors[i - validationStart]: actual minus forecast of event i, NaN where either is unknown.
        var errors = new double[first + request.EventCount - validationStart];
        for (var i = validationStart; i < first + request.EventCount; i++)
        {
            errors[i - validationStart] = i < history.Count && history.Values[i] is { } actual && whole.Values.Values[i - validationStart] is { } f ? actual - f : double.NaN;
        }

        // Two windows of the same errors: all of them, and the most recent quarter. Each level takes the wider of the
        // two: when a model's errors grow (a drifting series), the recent window widens the interval within days
        // instead of weeks; when they shrink, the whole window keeps it from narrowing on a few calm days.
        var quantiles = levels.Select(_ => new double?[request.EventCount]).ToArray();
        var sorted = new List<double>(size);
        var recentSize = Math.Max(size / RecentShare, MinimumErrors);
        var recent = new List<double>(recentSize);
        var windowStart = validationStart;
        var recentStart = validationStart;
        var windowEnd = validationStart;
        var fewest = int.MaxValue;
        for (var e = 0; e < request.EventCount; e++)
        {
            var known = Math.Min(request.LastKnownIndex(first + e), first + e - 1);
            for (; windowEnd <= known; windowEnd++)
            {
                Insert(sorted, errors[windowEnd - validationStart]);
                Insert(recent, errors[windowEnd - validationStart]);
            }

            for (; windowStart < windowEnd - size; windowStart++)
            {
                Remove(sorted, errors[windowStart - validationStart]);
            }

            for (; recentStart < windowEnd - recentSize; recentStart++)
            {
                Remove(recent, errors[recentStart - validationStart]);
            }

            fewest = Math.Min(fewest, sorted.Count);
            if (sorted.Count < MinimumErrors || point.Values.Values[e] is not { } forecast)
            {
                continue;
            }

            for (var q = 0; q < levels.Count; q++)
            {
                var level = levels[q];
                var spread = recent.Count < MinimumErrors ? Quantiles.Empirical(sorted, level)
                    : level < Quantiles.Median ? Math.Min(Quantiles.Empirical(sorted, level), Quantiles.Empirical(recent, level))
                    : Math.Max(Quantiles.Empirical(sorted, level), Quantiles.Empirical(recent, level));
                quantiles[q][e] = level < Quantiles.Median ? Math.Min(forecast + spread, forecast)
                    : level > Quantiles.Median ? Math.Max(forecast + spread, forecast)
                    : forecast;
            }
        }

        var problem = fewest >= MinimumErrors ? null : string.Create(
            CultureInfo.InvariantCulture,
            $"quantiles need at least {MinimumErrors} known errors of the model at this horizon before the belief time, and some events had only {fewest}; those got no quantiles");
        return new ProbabilisticForecast(
            point,
            [.. levels.Select((level, q) => new QuantileSeries(level, point.Values with { Values = quantiles[q] }))],
            Math.Min(fewest, size),
            problem);
    }

    private static void Insert(List<double> sorted, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var at = sorted.BinarySearch(value);
        sorted.Insert(at < 0 ? ~at : at, value);
    }

    private static void Remove(List<double> sorted, double value)
    {
        if (!double.IsNaN(value))
        {
            sorted.RemoveAt(sorted.BinarySearch(value));
        }
    }
}

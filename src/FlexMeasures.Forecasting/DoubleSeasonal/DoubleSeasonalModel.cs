using System.Globalization;
using FlexMeasures.Forecasting.Naive;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace FlexMeasures.Forecasting.DoubleSeasonal;

/// <summary>
/// "double-seasonal": double-seasonal Holt-Winters exponential smoothing after Taylor (2003), with a
/// daily and a weekly cycle, first-order autoregressive error correction and a damped level (see
/// <see cref="DoubleSeasonalFilter"/>), on logarithms by default. See docs/decisions/0005-default-forecast-model.md.
/// </summary>
/// <remarks>
/// Fitted once per <see cref="RefitSchedule"/> anchor on the history known then (at most
/// <see cref="DoubleSeasonalOptions.FitWindow"/> of it): the states start from the first
/// <see cref="DoubleSeasonalOptions.InitialPeriod"/> of that window and the gains are fitted (Nelder–Mead) on the
/// squared errors at the requested horizon after it. Then one filter pass gives every event its forecast from the
/// state at its own belief time, iterated the horizon ahead. Series whose day is not a whole number of
/// resolutions, or with less than <see cref="DoubleSeasonalOptions.MinimumHistory"/> (or under half of it known)
/// at the anchor, fall back to <see cref="NaiveModel"/>. Fits are kept per instance (by anchor and horizon) for
/// the same history, so one instance may be asked for neighbouring windows cheaply; not thread-safe.
/// </remarks>
public sealed class DoubleSeasonalModel(DoubleSeasonalOptions options) : IForecastModel
{
    public const string ModelName = "double-seasonal";

    private readonly Dictionary<(DateTime Anchor, int Steps), DoubleSeasonalParameters> _fits = [];
    private Series? _fitted;

    public DoubleSeasonalModel()
        : this(new DoubleSeasonalOptions())
    {
    }

    public DoubleSeasonalOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => ModelName;

    /// <summary>2: fitted per week after a two-week start period (1 fitted per request on a whole-window start).</summary>
    public string Version => "2";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = request.History;
        var resolution = history.Resolution.Ticks;
        if (TimeSpan.TicksPerDay % resolution != 0)
        {
            return ForecastResult.FallBack(new NaiveModel().Forecast(request), $"{ModelName} needs a resolution that divides a day");
        }

        if (!ReferenceEquals(_fitted, history))
        {
            _fits.Clear();
            _fitted = history;
        }

        var all = history.ToArray();
        return RefitSchedule.ForecastEachPeriod(request, (part, anchor) => ForecastPart(part, anchor, all));
    }

    private ForecastResult ForecastPart(ForecastRequest request, DateTime anchor, double[] all)
    {
        var history = request.History;
        var resolution = history.Resolution.Ticks;
        var day = (int)(TimeSpan.TicksPerDay / resolution);
        var week = 7 * day;
        var firstEvent = request.FirstEventIndex;
        var fitEnd = RefitSchedule.KnownBy(history, anchor);
        var first = Math.Max(0, fitEnd - (int)(Options.FitWindow.Ticks / resolution));
        var minimum = (int)(Options.MinimumHistory.Ticks / resolution);
        var lastEvent = firstEvent + request.EventCount - 1;
        var end = Math.Max(fitEnd, Math.Min(request.LastKnownIndex(lastEvent), history.Count - 1) + 1);

        var known = 0;
        var positive = true;
        for (var t = first; t < fitEnd; t++)
        {
            if (!double.IsNaN(all[t]))
            {
                known++;
                positive &= all[t] > 0;
            }
        }

        if (fitEnd - first < minimum || 2 * known < fitEnd - first)
        {
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"too little data for {ModelName}: {known * history.Resolution.TotalDays:0.#} days of measurements known at {anchor:yyyy-MM-dd HH:mm}Z, {Options.MinimumHistory.TotalDays:0.#} needed");
            return ForecastResult.FallBack(new NaiveModel().Forecast(request), reason);
        }

        var multiplicative = Options.Multiplicative && positive;
        var values = new double[end - first];
        for (var t = 0; t < values.Length; t++)
        {
            var y = all[first + t];
            values[t] = multiplicative ? (y > 0 ? Math.Log(y) : double.NaN) : y;
        }

        var initialLength = Math.Min((int)(Options.InitialPeriod.Ticks / resolution) / week * week, fitEnd - first);
        var filter = new DoubleSeasonalFilter(values, day, week, Math.Max(initialLength, week));
        var fitSteps = Options.FitToHorizon ? Math.Max(1, firstEvent - request.LastKnownIndex(firstEvent)) : 1;
        var parameters = Options.Parameters ?? FitOnce(anchor, fitSteps, () => Fit(filter, fitEnd - first, fitSteps, initialLength));
        filter.Run(parameters, values.Length);

        var forecasts = new double?[request.EventCount];
        for (var e = 0; e < forecasts.Length; e++)
        {
            var target = firstEvent + e - first;
            var origin = Math.Min(request.LastKnownIndex(firstEvent + e), end - 1) - first;
            var forecast = filter.Forecast(origin, target, Math.Pow(parameters.Phi, target - origin), Math.Pow(parameters.Rho, target - origin));
            forecast = multiplicative ? Math.Exp(forecast) : forecast;
            forecasts[e] = double.IsFinite(forecast) ? forecast : null;
        }

        return new ForecastResult(request.ToSeries(forecasts), ModelName);
    }

    private DoubleSeasonalParameters FitOnce(DateTime anchor, int steps, Func<DoubleSeasonalParameters> fit)
    {
        if (!_fits.TryGetValue((anchor, steps), out var parameters))
        {
            parameters = fit();
            _fits[(anchor, steps)] = parameters;
        }

        return parameters;
    }

    /// <summary>Minimises the squared <paramref name="steps"/>-ahead errors over the first <paramref name="length"/> values, after the start period.</summary>
    /// <remarks>Parameters are optimised as logits, so every candidate lies in (0, 1).</remarks>
    private static DoubleSeasonalParameters Fit(DoubleSeasonalFilter filter, int length, int steps, int from)
    {
        var objective = ObjectiveFunction.Value(point =>
        {
            filter.Run(FromPoint(point), length);
            return filter.SquaredErrors(steps, from, length);
        });

        var initial = DoubleSeasonalParameters.Initial;
        var start = Vector<double>.Build.DenseOfArray(
            [Logit(initial.Alpha), Logit(initial.Delta), Logit(initial.Omega), Logit(initial.Phi), Logit(initial.Kappa), Logit(initial.Rho)]);
        try
        {
            var result = NelderMeadSimplex.Minimum(objective, start, 1e-6, 2000);
            var fitted = FromPoint(result.MinimizingPoint);
            return double.IsFinite(result.FunctionInfoAtMinimum.Value) ? fitted : initial;
        }
        catch (MaximumIterationsException)
        {
            return initial;
        }
    }

    private static DoubleSeasonalParameters FromPoint(Vector<double> point) =>
        new(Logistic(point[0]), Logistic(point[1]), Logistic(point[2]), Logistic(point[3]), Logistic(point[4]), Logistic(point[5]));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}

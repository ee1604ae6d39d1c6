using FlexMeasures.Forecasting.Naive;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace FlexMeasures.Forecasting.DoubleSeasonal;

/// <summary>
/// "double-seasonal": double-seasonal Holt-Winters exponential smoothing after Taylor (2003), with a
/// daily and a weekly cycle, first-order autoregressive error correction and a damped level (see
/// <see cref="DoubleSeasonalFilter"/>), on logarithms by default. The default model for demand-like
/// series; see docs/decisions/0005-default-forecast-model.md.
/// </summary>
/// <remarks>
/// Per request, the states are initialised from and the parameters fitted once to the history known at
/// the first belief time (at most <see cref="DoubleSeasonalOptions.FitWindow"/> of it; Nelder–Mead on the
/// squared errors at the requested horizon); then one
/// filter pass over the history gives every event its forecast from the state at its own belief time,
/// iterated the horizon ahead. Series whose day is not a whole number of resolutions, or with less than
/// <see cref="DoubleSeasonalOptions.MinimumHistory"/> (or under half of it known), fall back to <see cref="NaiveModel"/>.
/// </remarks>
public sealed class DoubleSeasonalModel(DoubleSeasonalOptions options) : IForecastModel
{
    public const string ModelName = "double-seasonal";

    private const int MinimumWeeks = 2;

    public DoubleSeasonalModel()
        : this(new DoubleSeasonalOptions())
    {
    }

    public DoubleSeasonalOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => ModelName;

    public string Version => "1";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = request.History;
        var resolution = history.Resolution.Ticks;
        if (TimeSpan.TicksPerDay % resolution != 0 || request.EventCount == 0)
        {
            return new NaiveModel().Forecast(request);
        }

        var day = (int)(TimeSpan.TicksPerDay / resolution);
        var week = 7 * day;
        var firstEvent = request.FirstEventIndex;
        var fitEnd = Math.Min(request.LastKnownIndex(firstEvent), history.Count - 1) + 1;
        var first = Math.Max(0, fitEnd - (int)(Options.FitWindow.Ticks / resolution));
        var minimum = Math.Max(MinimumWeeks * week, (int)(Options.MinimumHistory.Ticks / resolution));
        var lastEvent = firstEvent + request.EventCount - 1;
        var end = Math.Min(request.LastKnownIndex(lastEvent), history.Count - 1) + 1;

        var all = history.ToArray();
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
            return new NaiveModel().Forecast(request);
        }

        var multiplicative = Options.Multiplicative && positive;
        var values = new double[end - first];
        for (var t = 0; t < values.Length; t++)
        {
            var y = all[first + t];
            values[t] = multiplicative ? (y > 0 ? Math.Log(y) : double.NaN) : y;
        }

        var filter = new DoubleSeasonalFilter(values, day, week, (fitEnd - first) / week * week);
        var fitSteps = Options.FitToHorizon ? firstEvent - (fitEnd - 1) : 1;
        var parameters = Options.Parameters ?? Fit(filter, fitEnd - first, fitSteps, week);
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

    /// <summary>Minimises the squared <paramref name="steps"/>-ahead errors over the first <paramref name="length"/> values, after the first week.</summary>
    /// <remarks>Parameters are optimised as logits, so every candidate lies in (0, 1).</remarks>
    private static DoubleSeasonalParameters Fit(DoubleSeasonalFilter filter, int length, int steps, int week)
    {
        var from = Math.Min(week, length / 2);
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

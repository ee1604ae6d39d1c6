using System.Globalization;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Probabilistic;

namespace FlexMeasures.Forecasting.Auto;

/// <summary>
/// "auto": per refit anchor (see <see cref="RefitSchedule"/>) and horizon, the candidates forecast the
/// <see cref="ValidationPeriod"/> before the anchor as they would have then (rolling origin, data known at each
/// event's own belief time). The baselines among them (<see cref="Baseline.All"/>: naive, daily and weekly seasonal
/// naive) need no fit: the best of them, simplest first and a later one better by <see cref="Margin"/>, is the
/// choice unless a fitted model beats it beyond doubt: by the margin and by <see cref="StandardErrors"/> standard
/// errors of the paired difference of absolute errors, on its own forecasts (not its fallback's) over at least
/// <see cref="MinimumBlocks"/> days. Of the fitted models that do, the one with the lowest error relative to the
/// baseline wins (a later one by the margin). So on a series where nothing beats the naive forecast auto gives
/// the naive forecast, and a fitted model that wins a noisy validation by luck does not get to lose the weeks after.
/// </summary>
/// <remarks>
/// The values are the winner's own, so they are stored under the winner's data source; <see cref="ModelChoice"/>
/// says which model won, its validation score, and why other candidates could not take part.
/// </remarks>
public sealed class AutoModel(IReadOnlyList<IForecastModel> candidates) : IForecastModel
{
    public const string ModelName = "auto";

    public IReadOnlyList<IForecastModel> Candidates { get; } = candidates is { Count: > 0 }
        ? candidates
        : throw new ArgumentException("auto needs at least one candidate.", nameof(candidates));

    /// <summary>
    /// The events before each anchor the candidates are scored on: this period, or <see cref="RefitSchedule.ValidationEvents"/>
    /// events when that is longer (four weeks of daily data are too few events to judge by).
    /// </summary>
    public TimeSpan ValidationPeriod { get; init; } = RefitSchedule.ValidationPeriod;

    /// <summary>
    /// Fewer validation events known to every baseline than this span, or than <see cref="MinimumEvents"/>, falls
    /// back to the first candidate; a fitted model needs as many of its own.
    /// </summary>
    public TimeSpan MinimumValidation { get; init; } = TimeSpan.FromDays(1);

    /// <summary>See <see cref="MinimumValidation"/>.</summary>
    public int MinimumEvents { get; init; } = 14;

    /// <summary>
    /// The relative MAE improvement a candidate needs: a later baseline over an earlier one, a fitted model over the
    /// best baseline, and a later fitted model over an earlier winner.
    /// </summary>
    public double Margin { get; init; } = 0.02;

    /// <summary>
    /// How many standard errors of the paired MAE difference (over days) a fitted model must beat the best baseline
    /// by. One, not two: on half-hourly demand at 48 h a double-seasonal model 20 % better than the weekly seasonal
    /// naive on four weeks often misses two standard errors (a day's errors move together, and so do neighbouring
    /// days'), and then the baseline loses more than a wrong pick of a model that only looks better would.
    /// </summary>
    public double StandardErrors { get; init; } = 1;

    /// <summary>The fewest days (blocks of a day's events; single events for daily data) a fitted model must be judged on.</summary>
    public int MinimumBlocks { get; init; } = 5;

    public string Name => ModelName;

    /// <summary>2: fitted models must beat the best baseline beyond the validation noise.</summary>
    public string Version => "2";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EventCount == 0)
        {
            return new NaiveModel().Forecast(request);
        }

        return RefitSchedule.ForecastEachPeriod(request, (part, anchor) =>
        {
            var choice = Choose(request.History, request.Horizon, anchor);
            return choice.Explain(choice.Winner.Forecast(part));
        });
    }

    /// <summary>
    /// Forecasts with quantiles: per anchor, the winner's forecasts with the quantiles of the winner's own errors
    /// (<see cref="ResidualQuantiles"/>), not of auto's past forecasts: those were partly other models' (a weekly
    /// seasonal naive before a double-seasonal model had history enough), whose errors say little about the winner's.
    /// </summary>
    internal ProbabilisticForecast ForecastWithQuantiles(ForecastRequest request, IReadOnlyList<double> levels, TimeSpan? window)
    {
        var parts = new List<ProbabilisticForecast>();
        var point = RefitSchedule.ForecastEachPeriod(request, (part, anchor) =>
        {
            var choice = Choose(request.History, request.Horizon, anchor);
            var forecast = ResidualQuantiles.Forecast(choice.Winner, part, levels, window);
            parts.Add(forecast);
            return choice.Explain(forecast.Point);
        });
        var quantiles = levels.Select((level, q) => new QuantileSeries(
            level,
            point.Values with { Values = [.. parts.SelectMany(p => p.Quantiles[q].Values.Values)] }));
        return new ProbabilisticForecast(point, [.. quantiles], parts.Min(p => p.Errors), parts.Select(p => p.Problem).FirstOrDefault(p => p is not null));
    }

    /// <summary>The winner at one anchor, scored on the events of the validation period before it.</summary>
    private Choice Choose(Series history, TimeSpan horizon, DateTime anchor)
    {
        var period = TimeSpan.FromTicks(Math.Max(ValidationPeriod.Ticks, RefitSchedule.ValidationEvents * history.Resolution.Ticks));
        var first = Math.Max(0, history.CeilingIndex(anchor - period));
        var end = RefitSchedule.KnownBy(history, anchor);
        var fallback = Candidates[0];
        if (end <= first)
        {
            return new Choice(fallback, null, string.Create(CultureInfo.InvariantCulture, $"auto: no measurements in the {period.TotalDays:0} days before {anchor:yyyy-MM-dd}Z to validate on"));
        }

        var validation = new ForecastRequest(history, history.TimeAt((int)first), history.TimeAt(end), horizon);
        var forecasts = Candidates.Select(c => c.Forecast(validation)).ToList();

        // errors[c][i]: candidate c's absolute error on validation event i; NaN where the event, the forecast is
        // unknown or the forecast was a fallback's (a candidate is judged on its own forecasts only).
        var errors = Candidates.Select((c, k) => OwnErrors(c, forecasts[k], history, validation)).ToList();
        var notes = Candidates.Zip(forecasts)
            .SelectMany(x => x.Second.Choices.Where(c => c.Model != x.First.Name && c.Reason is not null).Select(c => c.Reason!).Take(1))
            .Distinct()
            .ToList();

        var baselines = Enumerable.Range(0, Candidates.Count).Where(IsBaseline).DefaultIfEmpty(0).ToList();
        var common = Enumerable.Range(0, validation.EventCount).Where(i => baselines.All(b => !double.IsNaN(errors[b][i]))).ToList();
        var minimum = Math.Max(MinimumEvents, (int)(MinimumValidation.Ticks / history.Resolution.Ticks));
        if (common.Count < minimum)
        {
            notes.Insert(0, string.Create(CultureInfo.InvariantCulture, $"auto: too little data to validate: {common.Count} events known before {anchor:yyyy-MM-dd}Z, {minimum} needed"));
            return new Choice(fallback, null, string.Join("; ", notes));
        }

        // The best baseline: simplest first, a later one must be better by the margin.
        var scores = baselines.Select(b => common.Average(i => errors[b][i])).ToList();
        var best = 0;
        for (var b = 1; b < baselines.Count; b++)
        {
            if (scores[b] < (1 - Margin) * scores[best])
            {
                best = b;
            }
        }

        var reference = baselines[best];
        var blockLength = (int)Math.Max(1, TimeSpan.TicksPerDay / history.Resolution.Ticks);
        var winner = reference;
        var winnerMae = scores[best];
        var winnerRatio = 1.0;
        var ranking = new List<string>();
        for (var c = 0; c < Candidates.Count; c++)
        {
            if (baselines.Contains(c))
            {
                ranking.Add(string.Create(CultureInfo.InvariantCulture, $"{Candidates[c].Name} {scores[baselines.IndexOf(c)]:0.####}"));
                continue;
            }

            var comparison = PairedComparison.Of(errors[c], errors[reference], blockLength);
            ranking.Add(comparison.Events == 0
                ? $"{Candidates[c].Name} not validated"
                : string.Create(CultureInfo.InvariantCulture, $"{Candidates[c].Name} {comparison.Mae:0.####} vs {comparison.ReferenceMae:0.####} ± {comparison.StandardError:0.####} on {comparison.Events} events"));
            if (comparison.Beats(Margin, StandardErrors, minimum, MinimumBlocks) && comparison.Ratio < (1 - Margin) * winnerRatio)
            {
                winner = c;
                winnerMae = comparison.Mae;
                winnerRatio = comparison.Ratio;
            }
        }

        notes.Insert(0, string.Create(
            CultureInfo.InvariantCulture,
            $"auto: {(winner == reference ? "best baseline" : $"beat the best baseline ({Candidates[reference].Name})")} on validation before {anchor:yyyy-MM-dd}Z, MAE {string.Join(", ", ranking)}"));
        return new Choice(Candidates[winner], winnerMae, string.Join("; ", notes));
    }

    private bool IsBaseline(int candidate) => Baseline.All.Any(b => b.Name == Candidates[candidate].Name);

    /// <summary>Absolute errors of <paramref name="candidate"/>'s own validation forecasts; NaN elsewhere.</summary>
    private static double[] OwnErrors(IForecastModel candidate, ForecastResult forecast, Series history, ForecastRequest validation)
    {
        var errors = new double[validation.EventCount];
        Array.Fill(errors, double.NaN);
        var first = validation.FirstEventIndex;
        foreach (var choice in forecast.Choices.Where(c => c.Model == candidate.Name))
        {
            var from = Math.Max(0, (int)history.CeilingIndex(choice.From) - first);
            var until = Math.Min(errors.Length, (int)history.CeilingIndex(choice.Until) - first);
            for (var i = from; i < until; i++)
            {
                if (history.Values[first + i] is { } actual && forecast.Values.Values[i] is { } value)
                {
                    errors[i] = Math.Abs(value - actual);
                }
            }
        }

        return errors;
    }

    private sealed record Choice(IForecastModel Winner, double? Mae, string Reason)
    {
        /// <summary>The winner's forecasts with this choice's reason and score on each of their choices.</summary>
        public ForecastResult Explain(ForecastResult result) => result with
        {
            Choices = [.. result.Choices.Select(c => c with
            {
                Reason = c.Reason is null ? Reason : $"{c.Reason}; {Reason}",
                ValidationMae = Mae,
            })],
        };
    }
}

using System.Globalization;
using FlexMeasures.Forecasting.Naive;

namespace FlexMeasures.Forecasting.Auto;

/// <summary>
/// "auto": per refit anchor (see <see cref="RefitSchedule"/>) and horizon, the candidate with the lowest mean
/// absolute error on the <see cref="ValidationPeriod"/> before the anchor, each validation event forecast as it
/// would have been (rolling origin, data known at its own belief time). Candidates are tried in order and a later
/// one must be strictly better to win, so list the simplest first: on a series where nothing beats the naive
/// forecast, auto gives the naive forecast. "Strictly" means by at least <see cref="Margin"/>: a fitted model
/// that wins its validation by less is as likely to lose on the weeks that follow, and the simpler model then
/// loses less.
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

    /// <summary>The events before each anchor the candidates are scored on.</summary>
    public TimeSpan ValidationPeriod { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Fewer validation events known to every candidate than this span falls back to the first candidate.</summary>
    public TimeSpan MinimumValidation { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The relative MAE improvement a later candidate needs over the best earlier one to win.</summary>
    public double Margin { get; init; } = 0.02;

    public string Name => ModelName;

    public string Version => "1";

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
            var result = choice.Winner.Forecast(part);
            return result with
            {
                Choices = [.. result.Choices.Select(c => c with
                {
                    Reason = c.Reason is null ? choice.Reason : $"{c.Reason}; {choice.Reason}",
                    ValidationMae = choice.Mae,
                })],
            };
        });
    }

    /// <summary>The winner at one anchor, scored on the events of the validation period before it.</summary>
    private Choice Choose(Series history, TimeSpan horizon, DateTime anchor)
    {
        var first = Math.Max(0, history.CeilingIndex(anchor - ValidationPeriod));
        var end = RefitSchedule.KnownBy(history, anchor);
        var fallback = Candidates[0];
        if (end <= first)
        {
            return new Choice(fallback, null, string.Create(CultureInfo.InvariantCulture, $"auto: no measurements in the {ValidationPeriod.TotalDays:0} days before {anchor:yyyy-MM-dd}Z to validate on"));
        }

        var validation = new ForecastRequest(history, history.TimeAt((int)first), history.TimeAt(end), horizon);
        var forecasts = Candidates.Select(c => c.Forecast(validation)).ToList();
        var common = new List<int>();
        for (var i = 0; i < validation.EventCount; i++)
        {
            if (history.Values[(int)first + i] is not null && forecasts.All(f => f.Values.Values[i] is not null))
            {
                common.Add(i);
            }
        }

        var notes = Candidates.Zip(forecasts)
            .SelectMany(x => x.Second.Choices.Where(c => c.Model != x.First.Name && c.Reason is not null).Select(c => c.Reason!).Take(1))
            .Distinct()
            .ToList();
        var minimum = (int)(MinimumValidation.Ticks / history.Resolution.Ticks);
        if (common.Count < Math.Max(1, minimum))
        {
            notes.Insert(0, string.Create(CultureInfo.InvariantCulture, $"auto: too little data to validate: {common.Count} events known before {anchor:yyyy-MM-dd}Z, {Math.Max(1, minimum)} needed"));
            return new Choice(fallback, null, string.Join("; ", notes));
        }

        var scores = forecasts.Select(f => common.Average(i => Math.Abs(f.Values.Values[i]!.Value - history.Values[(int)first + i]!.Value))).ToList();
        var best = 0;
        for (var c = 1; c < scores.Count; c++)
        {
            if (scores[c] < (1 - Margin) * scores[best])
            {
                best = c;
            }
        }

        var ranking = string.Join(", ", Candidates.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {scores[i]:0.####}")));
        notes.Insert(0, string.Create(
            CultureInfo.InvariantCulture,
            $"auto: lowest validation MAE on {common.Count} events before {anchor:yyyy-MM-dd}Z ({ranking})"));
        return new Choice(Candidates[best], scores[best], string.Join("; ", notes));
    }

    private sealed record Choice(IForecastModel Winner, double? Mae, string Reason);
}

namespace FlexMeasures.Forecasting;

/// <summary>The forecasts of one request.</summary>
/// <param name="Values">One value per requested event, on the history's grid; null where nothing could be forecast.</param>
/// <param name="ModelUsed">
/// Name of the model that made the values: the requested model's name, or the fallback's name
/// (e.g. <c>naive</c>) when the requested model could not be used; several names joined by ", " when
/// different refit periods (see <see cref="RefitSchedule"/>) used different models.
/// </param>
public sealed record ForecastResult(Series Values, string ModelUsed)
{
    /// <summary>Which model made which events' values, in event order; together they cover every event.</summary>
    public IReadOnlyList<ModelChoice> Choices { get; init; } = [new(Values.Start, Values.End, ModelUsed)];

    /// <summary>A fallback: the values of <paramref name="fallback"/>, explained by <paramref name="reason"/>.</summary>
    public static ForecastResult FallBack(ForecastResult fallback, string reason)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return fallback with { Choices = [.. fallback.Choices.Select(c => c with { Reason = reason })] };
    }

    /// <summary>The values and choices of the events starting in <c>[from, until)</c>.</summary>
    public ForecastResult Slice(DateTime from, DateTime until)
    {
        var values = Values.Slice(from, until);
        return Combine(values, Choices
            .Where(c => c.Until > values.Start && c.From < values.End)
            .Select(c => c with { From = c.From > values.Start ? c.From : values.Start, Until = c.Until < values.End ? c.Until : values.End }));
    }

    /// <summary>Values with the choices of their parts, neighbours with the same model, reason and score merged.</summary>
    public static ForecastResult Combine(Series values, IEnumerable<ModelChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(choices);
        var merged = new List<ModelChoice>();
        foreach (var choice in choices)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Model == choice.Model && last.Reason == choice.Reason
                && last.ValidationMae == choice.ValidationMae && last.Until == choice.From)
            {
                merged[^1] = last with { Until = choice.Until };
            }
            else
            {
                merged.Add(choice);
            }
        }

        if (merged.Count == 0)
        {
            merged.Add(new ModelChoice(values.Start, values.End, "none"));
        }

        return new ForecastResult(values, string.Join(", ", merged.Select(c => c.Model).Distinct()))
        {
            Choices = merged,
        };
    }
}

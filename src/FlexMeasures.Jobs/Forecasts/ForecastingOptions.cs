using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Configuration section <c>Forecasting</c>.</summary>
public sealed class ForecastingOptions : IValidatableObject
{
    public const string SectionName = "Forecasting";

    /// <summary>Queue forecasting jobs when new measurements are stored. Environment: <c>Forecasting__OnNewData=false</c> turns it off.</summary>
    public bool OnNewData { get; set; } = true;

    /// <summary>The model forecasting jobs on new data use.</summary>
    public string Model { get; set; } = ForecastModels.Default;

    /// <summary>
    /// Most events (steps of the sensor's resolution) one forecast may cover (<c>FLEXMEASURES_MAX_FORECAST_EVENTS</c>);
    /// 100,000 by default: about 2.8 years at 15 minutes, 69 days at one minute. A forecast's memory grows with its
    /// events, so this bounds what one request or job can take (FlexMeasures bounds its schedules the same way, with
    /// <c>FLEXMEASURES_MAX_PLANNING_HORIZON</c> in steps).
    /// </summary>
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>Why a forecast window this long is too long at this resolution, or null when it fits.</summary>
    public string? WindowProblem(TimeSpan length, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero || length <= TimeSpan.Zero)
        {
            return null;
        }

        var events = Math.Ceiling((double)length.Ticks / resolution.Ticks);
        return events <= MaxEvents
            ? null
            : string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The forecast window holds {events:0} events of {Data.Time.IsoDuration.Format(resolution)}; the limit is {MaxEvents} (FLEXMEASURES_MAX_FORECAST_EVENTS). Ask for a shorter window.");
    }

    /// <summary>
    /// The run as consecutive runs of at most <see cref="MaxEvents"/> events each, for work that follows data of any length
    /// (new measurements, the command line) rather than a window someone asked for.
    /// </summary>
    public IEnumerable<ForecastRun> InPieces(ForecastRun run, TimeSpan resolution)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (resolution <= TimeSpan.Zero || WindowProblem(run.End - run.Start, resolution) is null)
        {
            yield return run;
            yield break;
        }

        var piece = TimeSpan.FromTicks(resolution.Ticks * MaxEvents);
        for (var from = HorizonMapping.Floor(run.Start, resolution); from < run.End; from += piece)
        {
            var last = run.End - from <= piece;
            yield return run with { Start = from, End = last ? run.End : from + piece };
            if (last)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Recomputed forecasts that differ from stored ones replace them (otherwise the run stores nothing and says
    /// why). Set from <c>FLEXMEASURES_ALLOW_DATA_OVERWRITE</c>, the rule for every belief.
    /// </summary>
    public bool AllowOverwrite { get; set; }

    /// <summary>
    /// Default quantile levels of every forecast that names none, separated by spaces or commas, e.g.
    /// <c>Forecasting__Quantiles="0.1 0.5 0.9"</c>; empty (the default): deterministic forecasts.
    /// </summary>
    public string Quantiles { get; set; } = "";

    /// <summary>Country (ISO 3166-1 alpha-2) whose public holidays the <c>lightgbm</c> model knows, where a sensor and its asset have no attribute <c>country</c>.</summary>
    public string? Country { get; set; }

    /// <summary>The levels of <see cref="Quantiles"/>.</summary>
    /// <exception cref="FormatException">A part is not a number.</exception>
    public IReadOnlyList<double> QuantileLevels() =>
        [.. Quantiles.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => double.Parse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ForecastModels.Names.Contains(Model))
        {
            yield return new ValidationResult($"is not a model; choose one of {string.Join(", ", ForecastModels.Names)}", [nameof(Model)]);
        }

        if (MaxEvents < 1)
        {
            yield return new ValidationResult("must be a positive number of events", [nameof(MaxEvents)]);
        }

        if (QuantilesProblem() is { } problem)
        {
            yield return new ValidationResult($"is not a list of levels strictly between 0 and 1 ({problem})", [nameof(Quantiles)]);
        }

        if (!string.IsNullOrWhiteSpace(Country) && !Forecasting.Calendar.ForecastCalendar.SupportsCountry(Country))
        {
            yield return new ValidationResult($"has no public-holiday calendar; known: {string.Join(", ", Forecasting.Calendar.ForecastCalendar.KnownCountries)}", [nameof(Country)]);
        }
    }

    private string? QuantilesProblem()
    {
        try
        {
            Forecasting.Probabilistic.Quantiles.Normalise(QuantileLevels());
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return e.Message;
        }
    }
}

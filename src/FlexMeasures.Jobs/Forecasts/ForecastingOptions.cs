namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Configuration section <c>Forecasting</c>.</summary>
public sealed class ForecastingOptions
{
    public const string SectionName = "Forecasting";

    /// <summary>Queue forecasting jobs when new measurements are stored. Environment: <c>Forecasting__OnNewData=false</c> turns it off.</summary>
    public bool OnNewData { get; set; } = true;

    /// <summary>The model forecasting jobs on new data use.</summary>
    public string Model { get; set; } = ForecastModels.Default;

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
}

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
}

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ForecastModels.Names.Contains(Model))
        {
            yield return new ValidationResult($"is not a model; choose one of {string.Join(", ", ForecastModels.Names)}", [nameof(Model)]);
        }
    }
}

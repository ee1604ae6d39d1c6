using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.DoubleSeasonal;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.LinearRegression;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>The forecast models jobs and commands can use, by name.</summary>
public static class ForecastModels
{
    /// <summary>The default model (docs/decisions/0005-default-forecast-model.md).</summary>
    public const string Default = DoubleSeasonalModel.ModelName;

    public static IReadOnlyList<string> Names { get; } =
        [DoubleSeasonalModel.ModelName, LightGbmModel.ModelName, LinearOlsModel.ModelName, SeasonalNaiveModel.ModelName, NaiveModel.ModelName];

    /// <exception cref="InvalidInputException">Unknown name.</exception>
    public static IForecastModel Create(string name) => name switch
    {
        DoubleSeasonalModel.ModelName => new DoubleSeasonalModel(),
        LightGbmModel.ModelName => new LightGbmModel(),
        LinearOlsModel.ModelName => new LinearOlsModel(),
        SeasonalNaiveModel.ModelName => SeasonalNaiveModel.Weekly,
        NaiveModel.ModelName => new NaiveModel(),
        _ => throw new InvalidInputException("model", $"unknown model '{name}'; choose one of {string.Join(", ", Names)}"),
    };

    /// <summary>The data source name of a model's forecasts, e.g. "FlexMeasures double-seasonal".</summary>
    public static string SourceName(string model) => $"FlexMeasures {model}";
}

using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Auto;
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
    public const string Default = AutoModel.ModelName;

    /// <summary>What auto chooses from, simplest first: a later candidate must be strictly better on validation to win.</summary>
    public static IReadOnlyList<string> AutoCandidates { get; } =
    [
        NaiveModel.ModelName,
        SeasonalNaiveModel.DailyModelName,
        SeasonalNaiveModel.ModelName,
        LinearOlsModel.ModelName,
        DoubleSeasonalModel.ModelName,
    ];

    /// <summary>Every model by name; a new model is one line here (and one in <see cref="AutoCandidates"/> to let auto choose it).</summary>
    private static readonly IReadOnlyList<(string Name, Func<IForecastModel> Create)> Registry =
    [
        (AutoModel.ModelName, () => new AutoModel([.. AutoCandidates.Select(Create)])),
        (DoubleSeasonalModel.ModelName, () => new DoubleSeasonalModel()),
        (LightGbmModel.ModelName, () => new LightGbmModel()),
        (LinearOlsModel.ModelName, () => new LinearOlsModel()),
        (SeasonalNaiveModel.ModelName, () => SeasonalNaiveModel.Weekly),
        (SeasonalNaiveModel.DailyModelName, () => SeasonalNaiveModel.Daily),
        (NaiveModel.ModelName, () => new NaiveModel()),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Registry.Select(m => m.Name)];

    /// <summary>A new instance (models keep their fits per instance).</summary>
    /// <exception cref="InvalidInputException">Unknown name.</exception>
    public static IForecastModel Create(string name) =>
        Registry.FirstOrDefault(m => m.Name == name).Create?.Invoke()
        ?? throw new InvalidInputException("model", $"unknown model '{name}'; choose one of {string.Join(", ", Names)}");

    /// <summary>
    /// The models whose sources may hold the forecasts of a run of <paramref name="model"/>: auto stores under its
    /// winners, and a model that cannot be used falls back to naive.
    /// </summary>
    public static IReadOnlyList<string> MadeBy(string model) =>
        model == AutoModel.ModelName ? AutoCandidates : [.. new[] { model, NaiveModel.ModelName }.Distinct()];

    /// <summary>The data source name of a model's forecasts, e.g. "FlexMeasures double-seasonal".</summary>
    public static string SourceName(string model) => $"FlexMeasures {model}";
}

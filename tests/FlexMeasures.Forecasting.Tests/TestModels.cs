using FlexMeasures.Forecasting.Auto;
using FlexMeasures.Forecasting.DoubleSeasonal;
using FlexMeasures.Forecasting.LinearRegression;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;

namespace FlexMeasures.Forecasting.Tests;

internal static class TestModels
{
    /// <summary>A new instance of a model by the name the tests use (auto with every candidate, simplest first).</summary>
    public static IForecastModel Create(string name) => name switch
    {
        "naive" => new NaiveModel(),
        "seasonal-naive-weekly" => SeasonalNaiveModel.Weekly,
        "seasonal-naive-daily" => SeasonalNaiveModel.Daily,
        "linear-OLS" => new LinearOlsModel(),
        "double-seasonal" => new DoubleSeasonalModel(),
        "auto" => new AutoModel([new NaiveModel(), SeasonalNaiveModel.Daily, SeasonalNaiveModel.Weekly, new LinearOlsModel(), new DoubleSeasonalModel()]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

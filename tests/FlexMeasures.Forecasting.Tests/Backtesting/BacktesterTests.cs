using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.DoubleSeasonal;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;
using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests.Backtesting;

public sealed class BacktesterTests
{
    private static readonly DateTime TrainUntil = TestSeries.Start.AddDays(56);
    private static readonly DateTime TestUntil = TestSeries.Start.AddDays(70);

    [Fact]
    public void Run_ScoresModelAndEveryBaseline_OverTestPeriod()
    {
        var data = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed: 5);

        var result = Backtester.Run(new FlexMeasures.Forecasting.LinearRegression.LinearOlsModel(), data, TrainUntil, TestUntil, TimeSpan.FromHours(6));
        var weekly = Backtester.Run(SeasonalNaiveModel.Weekly, data, TrainUntil, TestUntil, TimeSpan.FromHours(6));
        var daily = Backtester.Run(SeasonalNaiveModel.Daily, data, TrainUntil, TestUntil, TimeSpan.FromHours(6));
        var naive = Backtester.Run(new NaiveModel(), data, TrainUntil, TestUntil, TimeSpan.FromHours(6));

        Assert.Equal(14 * 48, result.Forecasts.Count);
        Assert.Equal(TrainUntil, result.Forecasts.Start);
        Assert.Equal(14 * 48, result.Accuracy.Count);
        Assert.Equal(["naive", "seasonal-naive-daily", "seasonal-naive"], result.Baselines.Select(b => b.Name));
        Assert.Equal(weekly.Accuracy, result.BaselineAccuracy("seasonal-naive"));
        Assert.Equal(daily.Accuracy, result.BaselineAccuracy("seasonal-naive-daily"));
        Assert.Equal(naive.Accuracy, result.BaselineAccuracy("naive"));
        var best = new[] { weekly, daily, naive }.Min(r => r.Accuracy.Mape!.Value);
        Assert.Equal(best, result.BestBaseline!.Accuracy.Mape);
        Assert.Equal(1 - (result.Accuracy.Mape!.Value / best), result.MapeImprovement!.Value, 12);
        Assert.True(weekly.MapeImprovement <= 0);
    }

    /// <summary>Issue 5's target: train 8 weeks, test the next 2, on the first three seeds.</summary>
    [Theory]
    [InlineData(1, 1, 0.30)]
    [InlineData(1, 6, 0.30)]
    [InlineData(1, 24, 0.15)]
    [InlineData(1, 48, 0.15)]
    [InlineData(2, 1, 0.30)]
    [InlineData(2, 6, 0.30)]
    [InlineData(2, 24, 0.15)]
    [InlineData(2, 48, 0.15)]
    [InlineData(3, 1, 0.30)]
    [InlineData(3, 6, 0.30)]
    [InlineData(3, 24, 0.15)]
    [InlineData(3, 48, 0.15)]
    public void Run_DefaultModelBeatsWeeklySeasonalNaive_ByIssueTarget(int seed, int horizonHours, double minimumImprovement)
    {
        var data = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed);

        var result = Backtester.Run(new DoubleSeasonalModel(), data, TrainUntil, TestUntil, TimeSpan.FromHours(horizonHours));
        var weekly = result.BaselineAccuracy("seasonal-naive")!;
        var improvement = Baseline.Improvement(result.Accuracy, weekly);

        Assert.Equal("double-seasonal", result.ModelUsed);
        Assert.True(
            improvement >= minimumImprovement,
            $"MAPE {result.Accuracy.Mape:P2} vs weekly seasonal naive {weekly.Mape:P2}: improvement {improvement:P1}, needed {minimumImprovement:P0}.");
    }
}

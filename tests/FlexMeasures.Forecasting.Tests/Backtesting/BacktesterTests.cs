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
    public void Run_ScoresModelAndWeeklyBaseline_OverTestPeriod()
    {
        var data = SyntheticDemand.HalfHourly(TestSeries.Start, 10, seed: 5);

        var result = Backtester.Run(new NaiveModel(), data, TrainUntil, TestUntil, TimeSpan.FromHours(6));
        var baseline = Backtester.Run(SeasonalNaiveModel.Weekly, data, TrainUntil, TestUntil, TimeSpan.FromHours(6));

        Assert.Equal(14 * 48, result.Forecasts.Count);
        Assert.Equal(TrainUntil, result.Forecasts.Start);
        Assert.Equal(14 * 48, result.Accuracy.Count);
        Assert.Equal(baseline.Forecasts, result.Baseline);
        Assert.Equal(baseline.Accuracy, result.BaselineAccuracy);
        Assert.Equal(0, baseline.MapeImprovement!.Value, 12);
        Assert.Equal(1 - (result.Accuracy.Mape!.Value / result.BaselineAccuracy.Mape!.Value), result.MapeImprovement!.Value, 12);
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

        Assert.Equal("double-seasonal", result.ModelUsed);
        Assert.True(
            result.MapeImprovement >= minimumImprovement,
            $"MAPE {result.Accuracy.Mape:P2} vs baseline {result.BaselineAccuracy.Mape:P2}: improvement {result.MapeImprovement:P1}, needed {minimumImprovement:P0}.");
    }
}

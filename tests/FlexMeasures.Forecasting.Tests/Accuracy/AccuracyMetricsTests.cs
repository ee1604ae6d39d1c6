using FlexMeasures.Forecasting.Accuracy;

namespace FlexMeasures.Forecasting.Tests.Accuracy;

public sealed class AccuracyMetricsTests
{
    [Fact]
    public void Compute_MatchesHandComputedFigures()
    {
        // Errors 10, 10, 30; percentage errors 10/100, 10/50, 30/150; totals 50 over 300.
        var metrics = AccuracyMetrics.Compute([100, 50, 150], [110, 40, 120]);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(50.0 / 3, metrics.Mae!.Value, 12);
        Assert.Equal((0.1 + 0.2 + 0.2) / 3, metrics.Mape!.Value, 12);
        Assert.Equal(50.0 / 300, metrics.Wape!.Value, 12);
        Assert.Equal(0, metrics.ZeroActualsSkipped);
    }

    [Fact]
    public void Compute_SkipsZeroActualsInMapeOnly_AndSaysHowMany()
    {
        // Pairs: (0, 5) zero actual; (10, 12); (null, 3) and (20, null) left out entirely; (0, 0) zero actual.
        var metrics = AccuracyMetrics.Compute([0, 10, null, 20, 0], [5, 12, 3, null, 0]);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(2, metrics.ZeroActualsSkipped);
        Assert.Equal(7.0 / 3, metrics.Mae!.Value, 12);
        Assert.Equal(0.2, metrics.Mape!.Value, 12);
        Assert.Equal(7.0 / 10, metrics.Wape!.Value, 12);
    }

    [Fact]
    public void Compute_GivesNulls_WhenNothingCanBeCompared()
    {
        var none = AccuracyMetrics.Compute([null, 1], [2, null]);
        var zeros = AccuracyMetrics.Compute([0, 0], [1, 2]);

        Assert.Equal(new AccuracyMetrics(0, null, null, 0, null), none);
        Assert.Equal(new AccuracyMetrics(2, 1.5, null, 2, null), zeros);
    }

    [Fact]
    public void Compute_Throws_WhenLengthsDiffer()
    {
        Assert.Throws<ArgumentException>(() => AccuracyMetrics.Compute([1, 2], [1]));
    }
}

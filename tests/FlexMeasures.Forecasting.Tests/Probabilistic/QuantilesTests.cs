using FlexMeasures.Forecasting.Accuracy;
using FlexMeasures.Forecasting.Probabilistic;

namespace FlexMeasures.Forecasting.Tests.Probabilistic;

public sealed class QuantilesTests
{
    [Fact]
    public void Normalise_SortsDropsDuplicatesAndAddsTheMedian()
    {
        Assert.Equal([0.1, 0.5, 0.9], Quantiles.Normalise([0.9, 0.1, 0.9]));
        Assert.Empty(Quantiles.Normalise([]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Normalise_RejectsLevels_OutsideTheOpenUnitInterval(double level)
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Normalise([0.1, level]));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.1, 1.3)]
    [InlineData(1.0, 4.0)]
    public void Empirical_InterpolatesBetweenOrderStatistics(double level, double expected)
    {
        Assert.Equal(expected, Quantiles.Empirical([1.0, 2.0, 3.0, 4.0], level), 10);
    }

    [Theory]
    [InlineData(10, 8, 0.9, 1.8)]
    [InlineData(10, 12, 0.9, 0.2)]
    [InlineData(10, 12, 0.1, 1.8)]
    [InlineData(10, 10, 0.5, 0)]
    public void Pinball_WeighsUnderAndOverForecastsByTheLevel(double actual, double forecast, double level, double expected)
    {
        Assert.Equal(expected, Quantiles.Pinball(actual, forecast, level), 10);
    }

    [Fact]
    public void Compute_CountsActualsInsideTheOuterQuantiles_AndAveragesPinballOverLevels()
    {
        double?[] actual = [5, 11, 20, null];
        IReadOnlyList<double?> low = [4, 8, 8, 1];
        IReadOnlyList<double?> high = [6, 12, 12, 2];

        var accuracy = QuantileAccuracy.Compute(actual, [(0.9, high), (0.1, low)]);

        Assert.Equal(3, accuracy.Count);
        Assert.Equal(2.0 / 3, accuracy.Coverage!.Value, 10);
        Assert.Equal(0.1, accuracy.Lower);

        // Event 1: (0.1·1 + 0.1·1)/2; event 2: (0.1·3 + 0.1·1)/2; event 3: (0.1·12 + 0.9·8)/2.
        Assert.Equal((0.1 + 0.2 + 4.2) / 3, accuracy.Pinball!.Value, 10);
    }
}

using FlexMeasures.Data.Scheduling;

namespace FlexMeasures.Data.Tests.Scheduling;

public sealed class FlexSeriesResolverTests
{
    [Theory]
    [InlineData(new double[] { 5, 5, 7, 7 }, new double[] { 5, 5, 7, 7 })]
    [InlineData(new double[] { double.NaN, 5, 7, double.NaN }, new double[] { 5, 5, 7, 7 })]
    [InlineData(new double[] { double.NaN, double.NaN, 3, double.NaN }, new double[] { 3, 3, 3, 3 })]
    [InlineData(new double[] { 4, double.NaN, double.NaN, 6 }, new double[] { 4, 0, 0, 6 })]
    public void ExtendToEdges_FillsTheSidesAndLeavesGapsUnpriced_WhenSomePricesAreUnknown(double[] known, double[] expected)
    {
        var steps = known.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();

        Assert.Equal(expected, FlexSeriesResolver.ExtendToEdges(steps));
    }

    [Fact]
    public void ExtendToEdges_IsNull_WhenNoPriceIsKnown()
    {
        Assert.Null(FlexSeriesResolver.ExtendToEdges(new double?[3]));
    }
}

using FlexMeasures.Forecasting.Auto;

namespace FlexMeasures.Forecasting.Tests.Auto;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Of_ScoresOnlyTheEventsBothKnow_WhenOneHasGaps()
    {
        double[] candidate = [1, double.NaN, 1, 1];
        double[] reference = [2, 2, double.NaN, 4];

        var comparison = PairedComparison.Of(candidate, reference, blockLength: 1);

        Assert.Equal(2, comparison.Events);
        Assert.Equal(2, comparison.Blocks);
        Assert.Equal(1, comparison.Mae);
        Assert.Equal(3, comparison.ReferenceMae);
    }

    [Fact]
    public void Of_CountsBlocksOfConsecutiveEvents_WhenBlocksAreLonger()
    {
        var candidate = Enumerable.Repeat(1.0, 10).ToArray();
        var reference = Enumerable.Repeat(2.0, 10).ToArray();

        var comparison = PairedComparison.Of(candidate, reference, blockLength: 4);

        Assert.Equal(3, comparison.Blocks);
        Assert.Equal(0, comparison.StandardError, 12);
    }

    [Fact]
    public void Beats_IsTrue_WhenLowerInEveryBlock()
    {
        var reference = Enumerable.Repeat(2.0, 240).ToArray();
        var candidate = Enumerable.Repeat(1.8, 240).ToArray();

        var comparison = PairedComparison.Of(candidate, reference, blockLength: 24);

        Assert.True(comparison.Beats(margin: 0.02, standardErrors: 2, minimumEvents: 48, minimumBlocks: 5));
    }

    [Fact]
    public void Beats_IsFalse_WhenTheSameMeanAdvantageComesFromOneLuckyBlock()
    {
        // Ten blocks of a day; the candidate's mean error is 10 % lower, as above, but all of it in the first day.
        var reference = Enumerable.Repeat(2.0, 240).ToArray();
        var candidate = reference.Select((r, i) => i < 24 ? 0 : r).ToArray();

        var comparison = PairedComparison.Of(candidate, reference, blockLength: 24);

        Assert.Equal(1.8, comparison.Mae, 12);
        Assert.False(comparison.Beats(margin: 0.02, standardErrors: 2, minimumEvents: 48, minimumBlocks: 5));
    }

    [Fact]
    public void Beats_IsFalse_WhenThereAreFewerBlocksThanAsked()
    {
        var reference = Enumerable.Repeat(2.0, 96).ToArray();
        var candidate = Enumerable.Repeat(1.0, 96).ToArray();

        var comparison = PairedComparison.Of(candidate, reference, blockLength: 24);

        Assert.True(comparison.Beats(0.02, 2, 48, minimumBlocks: 4));
        Assert.False(comparison.Beats(0.02, 2, 48, minimumBlocks: 5));
    }
}

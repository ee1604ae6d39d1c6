namespace FlexMeasures.Forecasting.Auto;

/// <summary>
/// A candidate's absolute errors against a reference's on the same events, with the standard error of the
/// difference of their means taken over blocks of consecutive events (a day of half-hourly errors moves together,
/// so counting each event as independent would make a lucky week look certain).
/// </summary>
/// <param name="Mae">The candidate's mean absolute error on the events both know.</param>
/// <param name="ReferenceMae">The reference's on the same events.</param>
/// <param name="StandardError">Of <c>ReferenceMae − Mae</c>: the cluster-robust standard error over the blocks.</param>
/// <param name="Events">Events both know.</param>
/// <param name="Blocks">Blocks holding at least one of them.</param>
internal sealed record PairedComparison(double Mae, double ReferenceMae, double StandardError, int Events, int Blocks)
{
    /// <summary>
    /// Compares <paramref name="errors"/> with <paramref name="referenceErrors"/> (absolute errors per event, NaN
    /// where unknown), in blocks of <paramref name="blockLength"/> events from the first.
    /// </summary>
    public static PairedComparison Of(IReadOnlyList<double> errors, IReadOnlyList<double> referenceErrors, int blockLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(referenceErrors);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 1);
        var blocks = new List<(int Count, double Sum)>();
        var lastBlock = -1;
        double sum = 0, referenceSum = 0;
        var events = 0;
        for (var i = 0; i < Math.Min(errors.Count, referenceErrors.Count); i++)
        {
            if (double.IsNaN(errors[i]) || double.IsNaN(referenceErrors[i]))
            {
                continue;
            }

            if (i / blockLength != lastBlock)
            {
                lastBlock = i / blockLength;
                blocks.Add((0, 0));
            }

            blocks[^1] = (blocks[^1].Count + 1, blocks[^1].Sum + referenceErrors[i] - errors[i]);
            sum += errors[i];
            referenceSum += referenceErrors[i];
            events++;
        }

        if (events == 0)
        {
            return new PairedComparison(double.NaN, double.NaN, double.NaN, 0, 0);
        }

        var difference = (referenceSum - sum) / events;
        var spread = blocks.Sum(b => Math.Pow(b.Sum - (b.Count * difference), 2));
        var standardError = blocks.Count < 2 ? double.PositiveInfinity : Math.Sqrt(spread * blocks.Count / (blocks.Count - 1)) / events;
        return new PairedComparison(sum / events, referenceSum / events, standardError, events, blocks.Count);
    }

    /// <summary>
    /// Whether the candidate is better beyond doubt: lower by at least <paramref name="margin"/> of the reference's
    /// error and by <paramref name="standardErrors"/> standard errors, on at least <paramref name="minimumEvents"/>
    /// events in <paramref name="minimumBlocks"/> blocks.
    /// </summary>
    public bool Beats(double margin, double standardErrors, int minimumEvents, int minimumBlocks) =>
        Events >= minimumEvents && Blocks >= minimumBlocks && Mae < (1 - margin) * ReferenceMae && ReferenceMae - Mae > standardErrors * StandardError;

    /// <summary>The candidate's error relative to the reference's (below 1: better).</summary>
    public double Ratio => ReferenceMae > 0 ? Mae / ReferenceMae : Mae > 0 ? double.PositiveInfinity : 1;
}

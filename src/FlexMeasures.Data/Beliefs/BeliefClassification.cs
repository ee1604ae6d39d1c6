namespace FlexMeasures.Data.Beliefs;

/// <summary>What saving one chunk of beliefs must do, as decided by <see cref="BeliefClassifier"/>.</summary>
/// <param name="Inserts">New beliefs to write, in chronological order.</param>
/// <param name="Replacements">Beliefs whose stored value is to be overwritten (only when overwriting is allowed).</param>
/// <param name="Unchanged">Skipped: equal to the latest earlier belief about the same event.</param>
/// <param name="Duplicates">Skipped: already stored exactly so, or repeated in the input.</param>
/// <param name="Empty">Skipped: no value (NaN or infinite).</param>
/// <param name="Refusal">Set when the chunk must not be saved at all; the lists are then incomplete and unused.</param>
internal sealed record BeliefClassification(
    IReadOnlyList<NewBelief> Inserts,
    IReadOnlyList<NewBelief> Replacements,
    long Unchanged,
    long Duplicates,
    long Empty,
    BeliefRefusal? Refusal)
{
    /// <summary>The counts a save reports for this chunk, with the range of measurements it writes.</summary>
    /// <param name="received">Beliefs offered in the chunk, empty ones included.</param>
    public SaveResult ToResult(long received)
    {
        var measurements = BeliefClassifier.Range(Inserts.Concat(Replacements).Where(b => b.BeliefHorizon <= TimeSpan.Zero).Select(b => b.EventStart));
        return new SaveResult(received, Inserts.Count, Replacements.Count, Unchanged, Duplicates, Empty) { Measurements = measurements };
    }
}

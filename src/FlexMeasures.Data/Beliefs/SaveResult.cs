namespace FlexMeasures.Data.Beliefs;

/// <summary>What a save did with the beliefs it received.</summary>
/// <param name="Received">Beliefs offered.</param>
/// <param name="Stored">New rows written.</param>
/// <param name="Replaced">Existing rows overwritten with a new value (only when overwriting is allowed).</param>
/// <param name="Unchanged">Skipped: equal to the latest earlier belief about the same event from the same source.</param>
/// <param name="Duplicates">Skipped: already stored exactly so (or repeated in the input).</param>
/// <param name="Empty">Skipped: no value (NaN or null).</param>
public sealed record SaveResult(long Received, long Stored, long Replaced, long Unchanged, long Duplicates, long Empty)
{
    /// <summary>The one-word outcome FlexMeasures reports.</summary>
    public SaveStatus Status => Stored + Replaced == 0
        ? SaveStatus.NothingNew
        : Unchanged > 0 ? SaveStatus.SavedWithUnchangedSkipped : SaveStatus.Saved;

    /// <summary>
    /// UTC starts of the first and the last event for which a measurement (belief horizon ≤ 0) was stored or
    /// replaced; null when none was. What new data forecasting jobs should follow.
    /// </summary>
    public (DateTime First, DateTime Last)? Measurements { get; init; }

    public static SaveResult operator +(SaveResult a, SaveResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new SaveResult(a.Received + b.Received, a.Stored + b.Stored, a.Replaced + b.Replaced, a.Unchanged + b.Unchanged, a.Duplicates + b.Duplicates, a.Empty + b.Empty)
        {
            Measurements = (a.Measurements, b.Measurements) switch
            {
                ({ } x, { } y) => (x.First < y.First ? x.First : y.First, x.Last > y.Last ? x.Last : y.Last),
                (var x, var y) => x ?? y,
            },
        };
    }
}

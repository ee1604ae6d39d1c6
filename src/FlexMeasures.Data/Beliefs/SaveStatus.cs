namespace FlexMeasures.Data.Beliefs;

/// <summary>Outcome of saving beliefs.</summary>
public enum SaveStatus
{
    /// <summary>Every belief with a value was new and stored.</summary>
    Saved,

    /// <summary>New beliefs were stored; some equal to their predecessor were skipped.</summary>
    SavedWithUnchangedSkipped,

    /// <summary>Nothing new: all beliefs were already known (or empty).</summary>
    NothingNew,
}

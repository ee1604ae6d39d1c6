namespace FlexMeasures.Data.Beliefs;

/// <summary>A row of an incoming series cannot be taken in as it stands (e.g. out of time order where resampling needs order).</summary>
public sealed class IntakeRowException(long line, string reason) : Exception(reason)
{
    /// <summary>The <see cref="IncomingRow.Line"/> of the row refused.</summary>
    public long Line { get; } = line;
}

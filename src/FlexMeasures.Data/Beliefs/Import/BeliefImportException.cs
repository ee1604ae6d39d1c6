namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>A row of the file cannot be read; nothing of the file was stored.</summary>
public sealed class BeliefImportException(long line, string message) : Exception($"Line {line}: {message}. Nothing was stored.")
{
    /// <summary>1-based line number in the file.</summary>
    public long Line { get; } = line;
}

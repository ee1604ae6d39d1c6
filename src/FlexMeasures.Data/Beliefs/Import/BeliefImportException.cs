namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>A row of the file cannot be read; nothing of the file was stored.</summary>
public sealed class BeliefImportException(long line, string reason, string? file = null) : Exception($"Line {line}: {reason}. Nothing was stored.")
{
    /// <summary>1-based line number in the file.</summary>
    public long Line { get; } = line;

    /// <summary>What is wrong with the line, without the line number.</summary>
    public string Reason { get; } = reason;

    /// <summary>The name of the file the line is in (set once the importer knows which file it was reading).</summary>
    public string? File { get; } = file;

    /// <summary>The same problem, naming the file it is in.</summary>
    public BeliefImportException In(string fileName) => new(Line, Reason, fileName);
}

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>A row of the file cannot be read; nothing of the file was stored.</summary>
/// <param name="line">1-based line of a CSV file, or row of a sheet.</param>
/// <param name="sheet">The sheet the row is on, for a workbook; null for a CSV file.</param>
public sealed class BeliefImportException(long line, string reason, string? file = null, string? sheet = null)
    : Exception($"{Where(line, sheet)}: {reason}. Nothing was stored.")
{
    /// <summary>1-based line number in the file (row number in the sheet of a workbook).</summary>
    public long Line { get; } = line;

    /// <summary>What is wrong with the line, without the line number.</summary>
    public string Reason { get; } = reason;

    /// <summary>The name of the file the line is in (set once the importer knows which file it was reading).</summary>
    public string? File { get; } = file;

    /// <summary>The sheet of a workbook the row is on; null for a CSV file.</summary>
    public string? Sheet { get; } = sheet;

    /// <summary>Where in the file: "Line 3" in a CSV file, "Sheet 'Data', row 3" in a workbook.</summary>
    public string Location => Where(Line, Sheet);

    /// <summary>The same problem, naming the file it is in.</summary>
    public BeliefImportException In(string fileName) => new(Line, Reason, fileName, Sheet);

    private static string Where(long line, string? sheet) => sheet is null ? $"Line {line}" : $"Sheet '{sheet}', row {line}";
}

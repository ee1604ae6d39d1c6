using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>
/// The rows of one sheet of an Excel workbook (Office Open XML: .xlsx, .xlsm), as FlexMeasures reads an uploaded
/// workbook (pandas' <c>read_excel</c>): the first sheet unless another is asked for, one row per line with the header
/// in the first, cells as the workbook holds them: text, numbers, and date cells as times without a zone.
/// </summary>
public static class SpreadsheetRows
{
    /// <summary>File name endings read as workbooks; any other file is CSV.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".xlsx", ".xlsm"];

    /// <summary>Whether a file of this name is read as a workbook (by its extension, as timely-beliefs decides).</summary>
    public static bool IsWorkbook(string fileName) => Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sheet's rows with their 1-based row number; empty rows are left out, as blank lines of a CSV file.</summary>
    /// <param name="sheetNumber">Which sheet, counted from 0 (FlexMeasures' <c>--sheet_number</c>).</param>
    /// <param name="sheetName">Told the sheet's name before the first row, for messages.</param>
    /// <exception cref="InvalidInputException">The file is no workbook, or has no such sheet.</exception>
    internal static IEnumerable<(long Line, IReadOnlyList<object?> Cells)> Read(Stream stream, string fileName, int sheetNumber, Action<string> sheetName)
    {
        // The reader's configuration asks for code page 1252 (the fallback of old binary files) as it is made; .NET
        // has it only from this provider. Registering the same instance again changes nothing.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException)
        {
            throw new InvalidInputException("file", $"'{fileName}' cannot be read as an Excel workbook (.xlsx, .xlsm): {e.Message}");
        }

        using (reader)
        {
            if (sheetNumber < 0 || sheetNumber >= reader.ResultsCount)
            {
                throw new InvalidInputException("sheet-number", $"'{fileName}' has {reader.ResultsCount} sheet(s), numbered from 0; there is no sheet {sheetNumber}");
            }

            for (var i = 0; i < sheetNumber; i++)
            {
                reader.NextResult();
            }

            sheetName(reader.Name);
            long line = 0;
            while (reader.Read())
            {
                line++;
                var cells = new object?[reader.FieldCount];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = reader.GetValue(c);
                }

                if (cells.All(c => c is null || (c is string text && string.IsNullOrWhiteSpace(text))))
                {
                    continue;
                }

                yield return (line, cells);
            }
        }
    }
}

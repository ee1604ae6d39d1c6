using MiniExcel = MiniExcelLibs.MiniExcel;
using MiniExcelLibs;

namespace FlexMeasures.Testing;

/// <summary>Real Excel workbooks (.xlsx) for import tests, written by MiniExcel (another library than the one that reads them).</summary>
public static class Workbooks
{
    /// <summary>A workbook with the sheets in order; each row's cells as given (text, numbers, <see cref="DateTime"/> as date cells).</summary>
    public static byte[] Xlsx(params (string Sheet, object?[][] Rows)[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var content = new Dictionary<string, object>();
        foreach (var (sheet, rows) in sheets)
        {
            content[sheet] = rows.Select(row => row
                .Select((cell, i) => (Column: ((char)('A' + i)).ToString(), Cell: cell))
                .ToDictionary(c => c.Column, c => c.Cell)).ToList();
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, content, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}

using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>Reading a sheet of a real .xlsx workbook: cells as the workbook holds them, rows numbered as Excel shows them.</summary>
public sealed class SpreadsheetRowsTests
{
    private static readonly byte[] Workbook = Workbooks.Xlsx(
        ("First", [["event_start", "value"], [new DateTime(2024, 3, 1, 12, 30, 0), 2.25], [null, null], ["2024-03-01T13:00:00Z", "n/a"]]),
        ("Second", [["when", "what"], [new DateTime(2024, 3, 2), 7.0]]));

    [Fact]
    public void Read_GivesDateCellsAsTimesAndNumbersAsNumbers_AndLeavesEmptyRowsOut()
    {
        string? sheet = null;
        using var stream = new MemoryStream(Workbook);

        var rows = SpreadsheetRows.Read(stream, "meter.xlsx", 0, name => sheet = name).ToList();

        Assert.Equal("First", sheet);
        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Line));
        Assert.Equal(["event_start", "value"], rows[0].Cells);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 30, 0), Assert.IsType<DateTime>(rows[1].Cells[0]));
        Assert.Equal(2.25, Assert.IsType<double>(rows[1].Cells[1]));
        Assert.Equal(["2024-03-01T13:00:00Z", "n/a"], rows[2].Cells);
    }

    [Fact]
    public void Read_TakesTheSheetNumberedFromZero_AndRefusesOneThatIsNotThere()
    {
        string? sheet = null;
        using var stream = new MemoryStream(Workbook);

        var rows = SpreadsheetRows.Read(stream, "meter.xlsx", 1, name => sheet = name).ToList();
        var missing = Assert.Throws<InvalidInputException>(() => SpreadsheetRows.Read(new MemoryStream(Workbook), "meter.xlsx", 2, _ => { }).ToList());

        Assert.Equal("Second", sheet);
        Assert.Equal(new DateTime(2024, 3, 2), rows[1].Cells[0]);
        Assert.Equal("sheet-number", missing.Field);
        Assert.Contains("'meter.xlsx' has 2 sheet(s), numbered from 0; there is no sheet 2", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meter.xlsx", true)]
    [InlineData("METER.XLSM", true)]
    [InlineData("meter.xls", false)]
    [InlineData("meter.csv", false)]
    [InlineData("xlsx", false)]
    public void IsWorkbook_GoesByTheExtension(string name, bool workbook) => Assert.Equal(workbook, SpreadsheetRows.IsWorkbook(name));
}

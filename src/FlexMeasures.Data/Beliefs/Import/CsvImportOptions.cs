using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>How to read a CSV file or Excel workbook of beliefs (FlexMeasures' <c>add beliefs</c> options). Columns count from 0.</summary>
/// <param name="Unit">Unit of the values in the file; null: the sensor's unit.</param>
/// <param name="Horizon">Belief horizon of every row.</param>
/// <param name="BeliefTimeColumn">Column with each row's belief time.</param>
/// <param name="Prior">Belief time of every row.</param>
/// <param name="Timezone">Zone of timestamps without an offset; null: the sensor's zone.</param>
/// <param name="SkipRows">Lines to skip at the top (a header is one).</param>
/// <param name="MaxRows">Data rows to read at most; null: all.</param>
/// <param name="NaValues">Texts that mean "no value".</param>
/// <param name="Resample">Bring the data to the sensor's resolution (mean when finer, repeat when coarser).</param>
/// <param name="DateFormat">A .NET custom date and time format (e.g. <c>dd/MM/yyyy HH:mm</c>) for the timestamps; null: ISO 8601 only.</param>
/// <param name="Ambiguous">What a naive time that happens twice (clocks falling back) means; by default it is refused.</param>
/// <param name="Nonexistent">What a naive time skipped by clocks springing forward means; by default it is refused.</param>
/// <param name="SheetNumber">For a workbook (.xlsx, .xlsm): the sheet to read, counted from 0 (FlexMeasures' <c>--sheet_number</c>).</param>
public sealed record CsvImportOptions(
    string? Unit = null,
    TimeSpan? Horizon = null,
    int? BeliefTimeColumn = null,
    DateTime? Prior = null,
    double CumulativeProbability = 0.5,
    string? Timezone = null,
    int DateColumn = 0,
    int ValueColumn = 1,
    int SkipRows = 1,
    int? MaxRows = null,
    string Delimiter = ",",
    string DecimalSeparator = ".",
    string? ThousandsSeparator = null,
    IReadOnlyCollection<string>? NaValues = null,
    bool Resample = true,
    bool AllowOverwrite = false,
    string? DateFormat = null,
    AmbiguousLocalTime Ambiguous = AmbiguousLocalTime.Error,
    NonexistentLocalTime Nonexistent = NonexistentLocalTime.Error,
    int SheetNumber = 0)
{
    /// <summary>Texts read as "no value" unless <see cref="NaValues"/> says otherwise.</summary>
    public static IReadOnlyCollection<string> DefaultNaValues { get; } = ["", "NaN", "nan", "NA", "N/A", "n/a", "null", "NULL", "None", "-"];
}

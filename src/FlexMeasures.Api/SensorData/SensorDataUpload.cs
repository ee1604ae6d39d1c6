using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.SensorData;

/// <summary>
/// A multipart upload of CSV files (or Excel workbooks: .xlsx, .xlsm) for one sensor, as FlexMeasures' <c>SensorDataFileSchema</c> takes it: the files in
/// <c>uploaded-files</c>, <c>unit</c> and <c>belief-time-measured-instantly</c>, plus the CSV options of
/// <c>flexmeasures add beliefs</c> under the same names without the dashes in front. Reading the rows is
/// <see cref="BeliefImporter"/>'s (one set of CSV rules for the command line and the API); this only reads the form.
/// </summary>
internal sealed record SensorDataUpload(IReadOnlyList<IFormFile> Files, CsvImportOptions Options)
{
    /// <summary>Where FlexMeasures' 422 answers say the problem is (its webargs location of this form).</summary>
    public const string Location = "combined_sensor_data_upload";

    public const string FilesField = "uploaded-files";

    /// <summary>The content types FlexMeasures accepts for uploaded files (browsers call CSV files by several names).</summary>
    public static IReadOnlySet<string> ContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "text/csv", "text/plain", "text/x-csv", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The form fields taken besides the files.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "unit", "belief-time-measured-instantly", "horizon", "belief-time-column", "prior", "cp", "timezone", "datecol", "valuecol",
        "skiprows", "nrows", "delimiter", "decimal", "thousands", "na-values", "resample", "date-format", "ambiguous", "nonexistent",
        "sheet-number",
    ];

    /// <summary>Reads the files and fields; every problem with them is reported at once, and nothing is read from the files yet.</summary>
    /// <param name="allowOverwrite">The server's setting (clients cannot choose to replace stored data).</param>
    /// <exception cref="RequestValidationException">A field is missing or wrong, a file is not CSV, or the unit does not fit the sensor.</exception>
    public static SensorDataUpload Read(IFormCollection form, Sensor sensor, bool allowOverwrite)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(sensor);
        var fields = FieldReader.FromForm(form, Location);
        var files = form.Files.GetFiles(FilesField);
        if (files.Count == 0)
        {
            fields.Fail(FilesField, FieldReader.Missing);
        }

        foreach (var file in files)
        {
            CheckFile(fields, file);
        }

        foreach (var file in form.Files.Where(f => f.Name != FilesField))
        {
            fields.Fail(file.Name, "Unknown field.");
        }

        var unit = fields.String("unit");
        var measuredInstantly = fields.Boolean("belief-time-measured-instantly") ?? false;
        var horizon = fields.Duration("horizon");
        var beliefTimeColumn = fields.Integer("belief-time-column", minimum: 0);
        var prior = fields.AwareDateTime("prior");
        var cp = fields.Number("cp");
        var timezone = fields.String("timezone");
        var dateColumn = fields.Integer("datecol", minimum: 0);
        var valueColumn = fields.Integer("valuecol", minimum: 0);
        var skipRows = fields.Integer("skiprows", minimum: 0);
        var maxRows = fields.Integer("nrows", minimum: 1);
        var delimiter = NonEmpty(fields, "delimiter");
        var decimalSeparator = NonEmpty(fields, "decimal");
        var thousands = NonEmpty(fields, "thousands");
        var resample = fields.Boolean("resample");
        var dateFormat = fields.String("date-format");
        var ambiguous = Choice(fields, "ambiguous", ["error", "earliest", "latest"]);
        var nonexistent = Choice(fields, "nonexistent", ["error", "shift-forward"]);
        var sheetNumber = fields.Integer("sheet-number", minimum: 0);
        fields.RejectUnknown(Fields);

        if (new[] { measuredInstantly, horizon is not null, beliefTimeColumn is not null, prior is not null }.Count(given => given) > 1)
        {
            fields.Fail("_schema", "Give at most one of belief-time-measured-instantly, horizon, belief-time-column and prior.");
        }

        if (unit is not null && new BeliefIntake(sensor, unit, new BeliefTiming(DateTime.UnixEpoch, null, null)).UnitRefusal() is not null)
        {
            // FlexMeasures' words, which its clients may show.
            fields.Fail("_schema", $"Provided unit '{unit}' is not convertible to sensor unit '{sensor.Unit}'");
        }

        fields.ThrowIfInvalid();
        var defaults = new CsvImportOptions();
        var options = new CsvImportOptions(
            unit,

            // Measured instantly: each belief was held when its event was known (FlexMeasures' belief horizon of zero);
            // otherwise, as in FlexMeasures, it was held when the server received the file.
            measuredInstantly ? TimeSpan.Zero : horizon,
            beliefTimeColumn,
            prior?.UtcDateTime,
            cp ?? defaults.CumulativeProbability,
            timezone,
            dateColumn ?? defaults.DateColumn,
            valueColumn ?? defaults.ValueColumn,
            skipRows ?? defaults.SkipRows,
            maxRows,
            delimiter ?? defaults.Delimiter,
            decimalSeparator ?? defaults.DecimalSeparator,
            thousands,
            form["na-values"] is { Count: > 0 } na ? [.. na.OfType<string>()] : null,
            resample ?? defaults.Resample,
            allowOverwrite,
            dateFormat,
            ambiguous switch { "earliest" => AmbiguousLocalTime.Earliest, "latest" => AmbiguousLocalTime.Latest, _ => AmbiguousLocalTime.Error },
            nonexistent == "shift-forward" ? NonexistentLocalTime.ShiftForward : NonexistentLocalTime.Error,
            sheetNumber ?? defaults.SheetNumber);
        return new SensorDataUpload(files, options);
    }

    /// <summary>The files as the importer reads them, all about <paramref name="sensorId"/>.</summary>
    public IReadOnlyList<CsvBeliefInput> Inputs(int sensorId) =>
        [.. Files.Select(f => new CsvBeliefInput(f.FileName, sensorId, f.Length, f.OpenReadStream))];

    /// <summary>
    /// FlexMeasures' words for a file that is neither CSV nor Excel. FlexMeasures also takes the old binary .xls; we read
    /// Office Open XML workbooks only (docs/decisions/0031), and say so.
    /// </summary>
    private static void CheckFile(FieldReader fields, IFormFile file)
    {
        if (string.IsNullOrWhiteSpace(file.FileName))
        {
            fields.Fail(FilesField, "Filename is missing.");
        }
        else if (file.FileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase))
        {
            fields.Fail(FilesField, $"Invalid filename: {file.FileName}. Excel 97-2003 workbooks (.xls) are not read; save it as .xlsx.");
        }
        else if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !SpreadsheetRows.IsWorkbook(file.FileName))
        {
            fields.Fail(FilesField, $"Invalid filename: {file.FileName}. Only CSV or Excel files are accepted.");
        }

        if (!ContentTypes.Contains(file.ContentType ?? ""))
        {
            fields.Fail(FilesField, $"Invalid content type: {file.ContentType} (file {file.FileName}). Only the following content types are accepted: {string.Join(", ", ContentTypes.Order(StringComparer.Ordinal))}.");
        }
    }

    private static string? NonEmpty(FieldReader fields, string name)
    {
        var text = fields.String(name);
        if (text is { Length: 0 })
        {
            fields.Fail(name, "Must not be empty.");
            return null;
        }

        return text;
    }

    private static string? Choice(FieldReader fields, string name, IReadOnlyList<string> choices)
    {
        var text = fields.String(name);
        if (text is not null && !choices.Contains(text))
        {
            fields.Fail(name, $"Must be one of: {string.Join(", ", choices)}.");
            return null;
        }

        return text;
    }
}

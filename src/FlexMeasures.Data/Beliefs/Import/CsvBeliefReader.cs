using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>
/// Streams beliefs out of a CSV file (or a sheet of an Excel workbook, see <see cref="SpreadsheetRows"/>) for one sensor: reads the rows (columns, timestamps with their offset or in the
/// given zone when naive, numbers, row errors with their line) and hands them to the sensor's
/// <see cref="BeliefIntake"/>, which converts, resamples and times them. Memory does not grow with the file.
/// </summary>
/// <param name="importTime">UTC: the belief time of rows when neither a horizon, a belief-time column nor a prior is given.</param>
/// <param name="fileName">The file's name; its extension says whether it is a workbook (<see cref="SpreadsheetRows.IsWorkbook"/>).</param>
/// <exception cref="InvalidInputException">Field <c>unit</c>: the file's unit does not convert to the sensor's.</exception>
internal sealed partial class CsvBeliefReader(Sensor sensor, CsvImportOptions options, DateTime importTime, string fileName = "")
{
    private readonly string _fileName = fileName;
    private readonly bool _workbook = SpreadsheetRows.IsWorkbook(fileName);
    private string? _sheetName;

    private readonly TimeZoneInfo _zone = TimeZones.Find(options.Timezone ?? sensor.Timezone);
    private readonly HashSet<string> _na = new(options.NaValues ?? CsvImportOptions.DefaultNaValues, StringComparer.Ordinal);
    private readonly BeliefIntake _intake = Intake(sensor, options, importTime);
    private readonly NumberFormatInfo _numbers = new()
    {
        NumberDecimalSeparator = options.DecimalSeparator,
        NumberGroupSeparator = options.ThousandsSeparator ?? (options.DecimalSeparator == "," ? "." : ","),
    };

    /// <summary>Bytes read so far, for a progress bar.</summary>
    public long BytesRead => _stream?.Position ?? 0;

    private Stream? _stream;

    public async IAsyncEnumerable<NewBelief> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _stream = stream;
        await using var beliefs = _intake.FromRowsAsync(ParseAsync(stream, cancellationToken), options.Resample, options.CumulativeProbability, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await beliefs.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (IntakeRowException e)
            {
                // The intake names the row; the file's message adds what the user can do about it.
                throw Problem(e.Line, $"{e.Message}; sort the file or use --no-resample");
            }

            yield return beliefs.Current;
        }
    }

    private async IAsyncEnumerable<IncomingRow> ParseAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var needed = Math.Max(options.DateColumn, Math.Max(options.ValueColumn, options.BeliefTimeColumn ?? 0)) + 1;
        var rows = _workbook
            ? SpreadsheetRows.Read(stream, _fileName, options.SheetNumber, name => _sheetName = name).ToAsyncEnumerable()
            : CsvRowsAsync(stream, cancellationToken);

        // Rows about the event read last (rows about one event are adjacent in any file that can be resampled).
        var sameEvent = new List<IncomingRow>();
        await foreach (var (line, cells) in rows.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line <= options.SkipRows)
            {
                continue;
            }

            if (options.MaxRows is { } max && DataRows >= max)
            {
                yield break;
            }

            DataRows++;
            if (cells.Count < needed)
            {
                throw Problem(line, _workbook
                    ? $"expected at least {needed} columns, found {cells.Count}"
                    : $"expected at least {needed} columns separated by '{options.Delimiter}', found {cells.Count}");
            }

            var eventStart = ParseInstant(cells[options.DateColumn], line, options.DateColumn, "event start");
            var value = ParseValue(cells[options.ValueColumn], line);
            DateTime? beliefTime = options.BeliefTimeColumn is { } column ? ParseInstant(cells[column], line, column, "belief time") : null;
            var row = new IncomingRow(line, eventStart, value, beliefTime);
            if (sameEvent.Count > 0 && sameEvent[0].EventStart != eventStart)
            {
                sameEvent.Clear();
            }

            if (TwinOf(sameEvent, row) is { } twin)
            {
                if (!twin.Value.Equals(value))
                {
                    throw Problem(
                        line,
                        $"the same event ({Text(cells[options.DateColumn])}) and belief time as {(_workbook ? "row" : "line")} {twin.Line}, with another value ({FormatValue(twin.Value)} there, {FormatValue(value)} here); remove one of them");
                }

                // The same row twice: read once.
                continue;
            }

            sameEvent.Add(row);
            yield return row;
        }
    }

    /// <summary>The CSV file's records as cells of text, with the line each starts on (blank lines are left out).</summary>
    private async IAsyncEnumerable<(long Line, IReadOnlyList<object?> Cells)> CsvRowsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = options.Delimiter,
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            IgnoreBlankLines = true,
        };
        using var text = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvReader(text, configuration);
        while (await csv.ReadAsync())
        {
            var line = csv.Parser.RawRow;
            if (line > options.SkipRows)
            {
                CheckQuotes(csv.Parser.RawRecord, line);
            }

            yield return (line, csv.Parser.Record ?? []);
        }
    }

    /// <summary>A row that cannot be read, named as the file names its rows (a line of a CSV file, a row of a sheet).</summary>
    private BeliefImportException Problem(long line, string reason) => new(line, reason, sheet: _sheetName);

    /// <summary>An earlier row about the same event with the same belief time (the horizon, prior or import time is the file's).</summary>
    private static IncomingRow? TwinOf(List<IncomingRow> sameEvent, IncomingRow row)
    {
        foreach (var earlier in sameEvent)
        {
            if (earlier.BeliefTime == row.BeliefTime)
            {
                return earlier;
            }
        }

        return null;
    }

    /// <summary>Data rows read so far (after the skipped lines): zero for an empty or header-only file.</summary>
    public long DataRows { get; private set; }

    /// <summary>
    /// An odd number of quotes means a quoted field that never ends (it swallows the lines after it) or a stray quote
    /// inside a field: either way the row cannot be read as meant. The line named is where the row starts.
    /// </summary>
    private void CheckQuotes(string? raw, long lastLine)
    {
        if (raw is null || !raw.Contains('"', StringComparison.Ordinal) || raw.Count(c => c == '"') % 2 == 0)
        {
            return;
        }

        // Walk the row as RFC 4180 reads it: only a quote at the start of a field opens a quoted field, and every
        // line break inside one is a line of the file that the row spans.
        var (quoted, atFieldStart, spanned) = (false, true, 0);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else if (c == '\n')
                {
                    spanned++;
                }
            }
            else if (c is '\n' or '\r' || raw.AsSpan(i).StartsWith(options.Delimiter, StringComparison.Ordinal))
            {
                atFieldStart = true;
            }
            else
            {
                quoted = c == '"' && atFieldStart;
                atFieldStart = false;
            }
        }

        throw new BeliefImportException(
            lastLine - spanned,
            quoted ? "a quote (\") opens a field that is never closed; close or remove it" : "a quote (\") stands inside a field; quote the whole field or remove it");
    }

    private static string FormatValue(double value) => double.IsNaN(value) ? "no value" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A cell as the text a CSV file would hold (a sheet's numbers and dates are values, not text).</summary>
    private static string Text(object? cell) => cell switch
    {
        null => "",
        string text => text.Trim(),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private DateTime ParseInstant(object? cell, long line, int column, string what)
    {
        var text = Text(cell);
        DateTime? utc = null;
        string? problem = null;
        if (cell is DateTime local)
        {
            // A sheet's date cell has no zone: read in the zone, as a timestamp without an offset.
            utc = ZonedTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone, options.Ambiguous, options.Nonexistent, out problem);
        }
        else if (cell is double)
        {
            throw Problem(line, $"{text} in column {column} ({what}) is a number, not a date and time; format the column as dates, or write the times as text in ISO 8601");
        }
        else if (options.DateFormat is { } format)
        {
            // An offset in the format (z, zz, zzz, K) makes the time aware; otherwise it is read in the zone.
            if (format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal))
            {
                if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var aware))
                {
                    utc = aware.UtcDateTime;
                }
            }
            else if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
            {
                utc = ZonedTime.ToUtc(naive, _zone, options.Ambiguous, options.Nonexistent, out problem);
            }
        }
        else if (IsoDateTime().Match(text) is { Success: true } iso)
        {
            if (iso.Groups["offset"].Success)
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var aware))
                {
                    utc = aware.UtcDateTime;
                }
            }
            else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
            {
                utc = ZonedTime.ToUtc(naive, _zone, options.Ambiguous, options.Nonexistent, out problem);
            }
        }

        if (problem is not null)
        {
            var choice = problem.Contains("twice", StringComparison.Ordinal) ? "--ambiguous earliest or latest" : "--nonexistent shift-forward";
            throw Problem(line, $"'{text}' in column {column} ({what}) {problem}; give the offset, or choose with {choice}");
        }

        if (utc is not { } instant)
        {
            var expected = options.DateFormat is { } f
                ? $"in the format '{f}' (--date-format)"
                : "in ISO 8601, e.g. 2021-05-02T00:00:00+02:00 or 2021-05-02 00:00:00 (other formats: --date-format)";
            throw Problem(line, $"'{text}' in column {column} is not a date and time ({what}) {expected}");
        }

        if (!SupportedInstants.Contains(instant))
        {
            throw Problem(line, $"'{text}' in column {column} ({what}) is outside the supported range of instants, {SupportedInstants.Description}");
        }

        return instant;
    }

    private double ParseValue(object? cell, long line)
    {
        if (cell is double number && double.IsFinite(number))
        {
            return number;
        }

        var text = Text(cell);
        if (cell is not (string or null))
        {
            throw Problem(line, $"'{text}' in column {options.ValueColumn} is not a number");
        }

        if (_na.Contains(text))
        {
            return double.NaN;
        }

        if (double.TryParse(text, NumberStyles.Float | (options.ThousandsSeparator is null ? 0 : NumberStyles.AllowThousands), _numbers, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        throw Problem(line, $"'{text}' in column {options.ValueColumn} is not a number");
    }

    private static BeliefIntake Intake(Sensor sensor, CsvImportOptions options, DateTime importTime)
    {
        var intake = new BeliefIntake(sensor, options.Unit, new BeliefTiming(importTime, options.Horizon, options.Prior));
        return intake.UnitRefusal() is { } refusal ? throw new InvalidInputException("unit", refusal.Message) : intake;
    }

    /// <summary>ISO 8601 (a date, optionally a time after T or a space, optionally an offset); never month-first guesses.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,7})?)?)?\s*(?<offset>Z|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoDateTime();
}

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
/// Streams beliefs out of a CSV file for one sensor: reads the rows (columns, timestamps with their offset or in the
/// given zone when naive, numbers, row errors with their line) and hands them to the sensor's
/// <see cref="BeliefIntake"/>, which converts, resamples and times them. Memory does not grow with the file.
/// </summary>
/// <param name="importTime">UTC: the belief time of rows when neither a horizon, a belief-time column nor a prior is given.</param>
/// <exception cref="InvalidInputException">Field <c>unit</c>: the file's unit does not convert to the sensor's.</exception>
internal sealed partial class CsvBeliefReader(Sensor sensor, CsvImportOptions options, DateTime importTime)
{
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
                throw new BeliefImportException(e.Line, $"{e.Message}; sort the file or use --no-resample");
            }

            yield return beliefs.Current;
        }
    }

    private async IAsyncEnumerable<IncomingRow> ParseAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
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
        var needed = Math.Max(options.DateColumn, Math.Max(options.ValueColumn, options.BeliefTimeColumn ?? 0)) + 1;

        // Rows about the event read last (rows about one event are adjacent in any file that can be resampled).
        var sameEvent = new List<IncomingRow>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            if (line <= options.SkipRows)
            {
                continue;
            }

            if (options.MaxRows is { } max && DataRows >= max)
            {
                yield break;
            }

            DataRows++;
            CheckQuotes(csv.Parser.RawRecord, line);
            if (csv.Parser.Count < needed)
            {
                throw new BeliefImportException(line, $"expected at least {needed} columns separated by '{options.Delimiter}', found {csv.Parser.Count}");
            }

            var eventStart = ParseInstant(csv.Parser[options.DateColumn], line, options.DateColumn, "event start");
            var value = ParseValue(csv.Parser[options.ValueColumn], line);
            DateTime? beliefTime = options.BeliefTimeColumn is { } column ? ParseInstant(csv.Parser[column], line, column, "belief time") : null;
            var row = new IncomingRow(line, eventStart, value, beliefTime);
            if (sameEvent.Count > 0 && sameEvent[0].EventStart != eventStart)
            {
                sameEvent.Clear();
            }

            if (TwinOf(sameEvent, row) is { } twin)
            {
                if (!twin.Value.Equals(value))
                {
                    throw new BeliefImportException(
                        line,
                        $"the same event ({csv.Parser[options.DateColumn]?.Trim()}) and belief time as line {twin.Line}, with another value ({FormatValue(twin.Value)} there, {FormatValue(value)} here); remove one of them");
                }

                // The same row twice: read once.
                continue;
            }

            sameEvent.Add(row);
            yield return row;
        }
    }

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

    private DateTime ParseInstant(string? text, long line, int column, string what)
    {
        text = text?.Trim() ?? "";
        DateTime? utc = null;
        string? problem = null;
        if (options.DateFormat is { } format)
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
            throw new BeliefImportException(line, $"'{text}' in column {column} ({what}) {problem}; give the offset, or choose with {choice}");
        }

        if (utc is not { } instant)
        {
            var expected = options.DateFormat is { } f
                ? $"in the format '{f}' (--date-format)"
                : "in ISO 8601, e.g. 2021-05-02T00:00:00+02:00 or 2021-05-02 00:00:00 (other formats: --date-format)";
            throw new BeliefImportException(line, $"'{text}' in column {column} is not a date and time ({what}) {expected}");
        }

        if (!SupportedInstants.Contains(instant))
        {
            throw new BeliefImportException(line, $"'{text}' in column {column} ({what}) is outside the supported range of instants, {SupportedInstants.Description}");
        }

        return instant;
    }

    private double ParseValue(string? text, long line)
    {
        text = text?.Trim() ?? "";
        if (_na.Contains(text))
        {
            return double.NaN;
        }

        if (double.TryParse(text, NumberStyles.Float | (options.ThousandsSeparator is null ? 0 : NumberStyles.AllowThousands), _numbers, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        throw new BeliefImportException(line, $"'{text}' in column {options.ValueColumn} is not a number");
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

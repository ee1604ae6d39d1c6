using System.CommandLine;
using System.Globalization;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Time;
using FlexMeasures.Jobs.Forecasts;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FlexMeasures.Cli.Beliefs;

/// <summary><c>add beliefs</c>, <c>show beliefs</c> and the belief deletions.</summary>
internal static class BeliefCommands
{
    public static Command Add(CliContext context)
    {
        var file = new Argument<string[]>("file")
        {
            Description = "CSV file(s) or Excel workbook(s) (.xlsx, .xlsm): event start and value per row (plus a belief time with --belief-time-column).",
            Arity = ArgumentArity.OneOrMore,
        };
        var sensor = new Option<int[]>("--sensor")
        {
            Description = "Id of the sensor the data are about; repeat it to give each file its own sensor, in order.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var source = new Option<string>("--source") { Description = "Id or name of the data source; a new name makes a new source.", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Unit of the values in the file; default: the sensor's unit." };
        var horizon = new Option<string?>("--horizon") { Description = "Belief horizon of all rows: ISO 8601 (PT1H, -PT15M) or minutes; positive for forecasts." };
        var beliefTimeColumn = new Option<int?>("--belief-time-column") { Description = "Column (from 0) with each row's belief time." };
        var prior = new Option<string?>("--prior") { Description = "Belief time of all rows (ISO 8601 with offset)." };
        var cp = new Option<double>("--cp") { Description = "Cumulative probability of all values.", DefaultValueFactory = _ => 0.5 };
        var timezone = new Option<string?>("--timezone") { Description = "Time zone of timestamps without an offset; default: the sensor's." };
        var dateColumn = new Option<int>("--datecol") { Description = "Column (from 0) of the event start.", DefaultValueFactory = _ => 0 };
        var valueColumn = new Option<int>("--valuecol") { Description = "Column (from 0) of the value.", DefaultValueFactory = _ => 1 };
        var skipRows = new Option<int>("--skiprows") { Description = "Lines to skip at the top (the header is one).", DefaultValueFactory = _ => 1 };
        var maxRows = new Option<int?>("--nrows") { Description = "Read at most this many data rows." };
        var delimiter = new Option<string>("--delimiter") { Description = "Column separator.", DefaultValueFactory = _ => "," };
        var decimalSeparator = new Option<string>("--decimal") { Description = "Decimal separator.", DefaultValueFactory = _ => "." };
        var thousands = new Option<string?>("--thousands") { Description = "Thousands separator, if the file uses one." };
        var naValues = new Option<string[]>("--na-values") { Description = "Texts that mean 'no value' (default: empty, NaN, NA, N/A, null, None, -).", AllowMultipleArgumentsPerToken = true };
        var resample = new Option<bool>("--resample") { Description = "Bring the data to the sensor's resolution (default).", DefaultValueFactory = _ => true };
        var noResample = new Option<bool>("--no-resample") { Description = "Store the rows as they are." };
        var allowOverwrite = new Option<bool>("--allow-overwrite") { Description = "Replace stored values that differ (otherwise the import is refused)." };
        var dateFormat = new Option<string?>("--date-format") { Description = ".NET custom format of the timestamps, e.g. 'dd/MM/yyyy HH:mm'; default: ISO 8601 only." };
        var ambiguous = new Option<string>("--ambiguous")
        {
            Description = "A naive time that happens twice when clocks fall back: error, earliest (daylight-saving time) or latest (standard time).",
            DefaultValueFactory = _ => "error",
        };
        ambiguous.AcceptOnlyFromAmong("error", "earliest", "latest");
        var nonexistent = new Option<string>("--nonexistent")
        {
            Description = "A naive time skipped when clocks spring forward: error, or shift-forward (by the gap: 02:30 becomes 03:30).",
            DefaultValueFactory = _ => "error",
        };
        nonexistent.AcceptOnlyFromAmong("error", "shift-forward");
        var sheetNumber = new Option<int>("--sheet-number", "--sheet_number") { Description = "For Excel workbooks: the sheet with the data, counted from 0 (the first).", DefaultValueFactory = _ => 0 };
        var command = new Command("beliefs", "Import beliefs from CSV files or Excel workbooks (all rows or none).")
        {
            file, sensor, source, unit, horizon, beliefTimeColumn, prior, cp, timezone, dateColumn, valueColumn, skipRows, maxRows,
            delimiter, decimalSeparator, thousands, naValues, resample, noResample, allowOverwrite, dateFormat, ambiguous, nonexistent, sheetNumber,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var options = new CsvImportOptions(
                    parse.GetValue(unit),
                    ParseHorizon(parse.GetValue(horizon)),
                    parse.GetValue(beliefTimeColumn),
                    parse.GetValue(prior) is { } p ? ParseInstant(p, "--prior") : null,
                    parse.GetValue(cp),
                    parse.GetValue(timezone),
                    parse.GetValue(dateColumn),
                    parse.GetValue(valueColumn),
                    parse.GetValue(skipRows),
                    parse.GetValue(maxRows),
                    parse.GetValue(delimiter)!,
                    parse.GetValue(decimalSeparator)!,
                    parse.GetValue(thousands),
                    parse.GetValue(naValues) is { Length: > 0 } na ? na : null,
                    parse.GetValue(resample) && !parse.GetValue(noResample),
                    parse.GetValue(allowOverwrite),
                    parse.GetValue(dateFormat),
                    parse.GetValue(ambiguous) switch { "earliest" => AmbiguousLocalTime.Earliest, "latest" => AmbiguousLocalTime.Latest, _ => AmbiguousLocalTime.Error },
                    parse.GetValue(nonexistent) == "shift-forward" ? NonexistentLocalTime.ShiftForward : NonexistentLocalTime.Error,
                    parse.GetValue(sheetNumber));
                var importer = services.GetRequiredService<BeliefImporter>();
                var paths = parse.GetValue(file)!;
                var sensorIds = parse.GetValue(sensor)!;
                if (sensorIds.Length != 1 && sensorIds.Length != paths.Length)
                {
                    throw new CliUserException($"--sensor: give one sensor for all files, or one per file ({paths.Length}), not {sensorIds.Length}.");
                }

                var files = paths.Select((p, i) => (p, sensorIds.Length == 1 ? sensorIds[0] : sensorIds[i])).ToList();
                BeliefImportResult result;
                if (context.IsInteractive)
                {
                    result = await context.Console.Progress().AutoClear(true).StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Importing {(paths.Length == 1 ? Path.GetFileName(paths[0]) : $"{paths.Length} files")}");
                        return await importer.ImportAsync(files, parse.GetValue(source)!, options, new Progress<(long Read, long Total)>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Read;
                        }), token);
                    });
                }
                else
                {
                    result = await importer.ImportAsync(files, parse.GetValue(source)!, options, null, token);
                }

                if (result.SourceCreated)
                {
                    await context.Out.WriteLineAsync($"Created data source '{result.Source.Name}' (id {result.Source.Id}, type {result.Source.Type}).");
                }

                if (result.BeliefTimeIsImportTime)
                {
                    await context.Error.WriteLineAsync(
                        "Note: no --horizon, --belief-time-column or --prior was given, so every belief counts as held now, at the moment of import. " +
                        "For forecasts, give their horizon or belief time, or they count as measurements made now.");
                }

                var saved = result.Saved;
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Status(saved.Status)}: {saved.Received} rows read, {saved.Stored} beliefs stored, {saved.Replaced} replaced, {saved.Unchanged} unchanged skipped, {saved.Duplicates} already stored, {saved.Empty} without a value."));
                await QueueForecastsAsync(context, services, result, token);
                return 0;
            },
            ct));
        return command;
    }

    public static Command Show(CliContext context)
    {
        var sensors = new Option<int[]>("--sensor") { Description = "Sensor id (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var start = new Option<string>("--start") { Description = "Start of the window (ISO 8601 with offset).", Required = true };
        var duration = new Option<string>("--duration") { Description = "Length of the window (ISO 8601, e.g. P1D).", Required = true };
        var resolution = new Option<string?>("--resolution") { Description = "Step of the values (ISO 8601); default: the sensor's resolution." };
        var source = new Option<string[]>("--source") { Description = "Only beliefs of these sources (ids or names).", AllowMultipleArgumentsPerToken = true };
        var beliefTimeBefore = new Option<string?>("--belief-time-before") { Description = "Only beliefs held at or before this instant (ISO 8601)." };
        var unit = new Option<string?>("--unit") { Description = "Unit to show the values in." };
        var toFile = new Option<string?>("--to-file") { Description = "Write the values as CSV to this file." };
        var chart = new Option<string?>("--chart") { Description = "Draw a line chart into this PNG file." };
        var command = new Command("beliefs", "Show the values of one or more sensors over a window.") { sensors, start, duration, resolution, source, beliefTimeBefore, unit, toFile, chart };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var from = ParseInstant(parse.GetValue(start)!, "--start");
                var length = ParseDuration(parse.GetValue(duration)!, "--duration");
                var step = parse.GetValue(resolution) is { } r ? ParseDuration(r, "--resolution") : (TimeSpan?)null;
                var before = parse.GetValue(beliefTimeBefore) is { } b ? ParseInstant(b, "--belief-time-before") : (DateTime?)null;
                var sourceIds = await SourceIdsAsync(services, parse.GetValue(source), token);

                var reader = services.GetRequiredService<SeriesReader>();
                var series = new List<(int Sensor, string Name, SensorSeries Values)>();
                foreach (var sensorId in parse.GetValue(sensors)!)
                {
                    var values = await reader.ReadAsync(
                        new SeriesQuery(sensorId, from, length, step, parse.GetValue(unit), new BeliefQuery { SensorId = sensorId, SourceIds = sourceIds, BeliefsBefore = before }),
                        token);
                    var name = await services.GetRequiredService<Data.Database.FlexMeasuresDbContext>().Sensors.FindAsync([sensorId], token);
                    series.Add((sensorId, name!.Name, values));
                }

                if (parse.GetValue(toFile) is { } csv)
                {
                    await BeliefOutput.WriteCsvAsync(context.Display, csv, series, token);
                    await context.Out.WriteLineAsync($"Values written to {csv}");
                }

                if (parse.GetValue(chart) is { } png)
                {
                    BeliefOutput.WriteChart(png, series);
                    await context.Out.WriteLineAsync($"Chart written to {png}");
                }

                if (parse.GetValue(toFile) is null && parse.GetValue(chart) is null)
                {
                    BeliefOutput.WriteTable(context, series);
                }

                return 0;
            },
            ct));
        return command;
    }

    public static IEnumerable<Command> Delete(CliContext context)
    {
        var sensor = new Option<int>("--sensor") { Description = "Sensor id.", Required = true };
        var source = new Option<string[]>("--source") { Description = "Only beliefs of these sources (ids or names).", AllowMultipleArgumentsPerToken = true };
        var start = new Option<string?>("--start") { Description = "Only events starting at or after this instant (ISO 8601)." };
        var end = new Option<string?>("--end") { Description = "Only events starting before this instant (ISO 8601)." };
        var force = CliContext.YesOption();
        var beliefs = new Command("beliefs", "Delete beliefs of a sensor, optionally of some sources and a window.") { sensor, source, start, end, force };
        beliefs.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var sourceIds = await SourceIdsAsync(services, parse.GetValue(source), token);

                var from = parse.GetValue(start) is { } s ? ParseInstant(s, "--start") : (DateTime?)null;
                var until = parse.GetValue(end) is { } e ? ParseInstant(e, "--end") : (DateTime?)null;
                var deletion = services.GetRequiredService<DataDeletion>();
                var count = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                    deletion.Selection(parse.GetValue(sensor), sourceIds, from, until), token);
                if (!await context.ConfirmAsync($"Delete {count} beliefs of sensor {parse.GetValue(sensor)}?", parse.GetValue(force)))
                {
                    await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                    return CliContext.UserError;
                }

                var deleted = await deletion.DeleteBeliefsAsync(parse.GetValue(sensor), sourceIds, from, until, token);
                await context.Out.WriteLineAsync($"Deleted {deleted} beliefs of sensor {parse.GetValue(sensor)}.");
                return 0;
            },
            ct));
        yield return beliefs;

        var unchangedSensor = new Option<int?>("--sensor") { Description = "Only this sensor." };
        var unchangedForce = CliContext.YesOption();
        var unchanged = new Command("unchanged-beliefs", "Delete beliefs equal to the previous belief about the same event from the same source.") { unchangedSensor, unchangedForce };
        unchanged.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var deletion = services.GetRequiredService<DataDeletion>();
                var count = await deletion.DeleteUnchangedBeliefsAsync(parse.GetValue(unchangedSensor), dryRun: true, token);
                if (!await context.ConfirmAsync($"Delete {count} unchanged beliefs?", parse.GetValue(unchangedForce)))
                {
                    await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                    return CliContext.UserError;
                }

                var deleted = await deletion.DeleteUnchangedBeliefsAsync(parse.GetValue(unchangedSensor), dryRun: false, token);
                await context.Out.WriteLineAsync($"Deleted {deleted} unchanged beliefs.");
                return 0;
            },
            ct));
        yield return unchanged;

        var nanSensor = new Option<int?>("--sensor") { Description = "Only this sensor." };
        var nan = new Command("nan-beliefs", "Delete beliefs whose value is NaN.") { nanSensor };
        nan.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var deleted = await services.GetRequiredService<DataDeletion>().DeleteNanBeliefsAsync(parse.GetValue(nanSensor), token);
                await context.Out.WriteLineAsync($"Deleted {deleted} beliefs without a value.");
                return 0;
            },
            ct));
        yield return nan;
    }

    /// <summary>The ids of the sources named (by id or name), or null when none are named.</summary>
    private static async Task<IReadOnlyCollection<int>?> SourceIdsAsync(IServiceProvider services, string[]? names, CancellationToken cancellationToken)
    {
        if (names is not { Length: > 0 })
        {
            return null;
        }

        var lookup = services.GetRequiredService<DataSourceService>();
        var ids = new List<int>();
        foreach (var name in names)
        {
            ids.Add((await lookup.FindAsync(name, cancellationToken)).Id);
        }

        return ids;
    }

    /// <summary>After the import is committed: forecasting jobs for the new measurements. The data stays saved whatever happens here.</summary>
    private static async Task QueueForecastsAsync(CliContext context, IServiceProvider services, BeliefImportResult result, CancellationToken cancellationToken)
    {
        var trigger = services.GetRequiredService<ForecastTrigger>();
        if (!trigger.Enabled || result.NewMeasurements.Count == 0)
        {
            return;
        }

        var queued = await trigger.QueueAsync(result.NewMeasurements, workedInProcess: false, cancellationToken);
        foreach (var leftOut in queued.LeftOut)
        {
            await context.Out.WriteLineAsync($"Note: {leftOut}.");
        }

        if (queued.Problem is null)
        {
            if (queued.JobIds.Count > 0)
            {
                await context.Out.WriteLineAsync($"Queued {queued.JobIds.Count} forecasting jobs.");
            }

            return;
        }

        await context.Error.WriteLineAsync(
            $"Note: the data is saved, but forecasting jobs could not be queued: {queued.Problem}. " +
            $"{(queued.JobIds.Count > 0 ? $"{queued.JobIds.Count} were queued before that. " : "")}To queue them later, run:");
        foreach (var command in queued.Later)
        {
            await context.Error.WriteLineAsync($"  {command}");
        }
    }

    private static string Status(SaveStatus status) => status switch
    {
        SaveStatus.Saved => "Saved",
        SaveStatus.SavedWithUnchangedSkipped => "Saved, with unchanged beliefs skipped",
        _ => "Nothing new",
    };

    private static TimeSpan? ParseHorizon(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes))
        {
            return TimeSpan.FromMinutes(minutes);
        }

        return ParseDuration(text, "--horizon");
    }

    internal static TimeSpan ParseDuration(string text, string option) =>
        IsoDuration.TryParse(text, out var value) ? value : throw new CliUserException($"{option}: '{text}' is not an ISO 8601 duration such as PT15M, PT1H or P1D.");

    internal static DateTime ParseInstant(string text, string option)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) || !HasOffset(text))
        {
            throw new CliUserException($"{option}: '{text}' is not a date and time with an offset, e.g. 2021-05-02T00:00:00+02:00.");
        }

        return SupportedInstants.Contains(value.UtcDateTime)
            ? value.UtcDateTime
            : throw new CliUserException($"{option}: {SupportedInstants.Problem(value)}.");
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}

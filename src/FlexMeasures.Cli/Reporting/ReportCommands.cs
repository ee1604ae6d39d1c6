using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using FlexMeasures.Jobs.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FlexMeasures.Cli.Reporting;

/// <summary><c>add report</c> and <c>show reporters</c>.</summary>
internal static class ReportCommands
{
    /// <summary>
    /// <c>add report --reporter NAME [--config FILE|JSON] --parameters FILE|JSON (--start … | --start-offset …) (--end … |
    /// --end-offset …) [--resolution …] [--timezone …] [--output-file …] [--dry-run] [--save-config] [--as-job]</c>.
    /// </summary>
    public static Command Add(CliContext context)
    {
        var reporter = new Option<string>("--reporter") { Description = "Reporter: AggregatorReporter, ProfitOrLossReporter or FormulaReporter (see `show reporters`).", Required = true };
        var config = new Option<string?>("--config") { Description = "The reporter's configuration: a JSON object, or a JSON file (path or @path)." };
        var parameters = new Option<string?>("--parameters") { Description = "The report's parameters (input, output, start, end, resolution, belief_time): a JSON object, or a JSON file (path or @path)." };
        var start = new Option<string?>("--start") { Description = "Report start, ISO 8601 with offset; --start-offset is applied to it when both are given." };
        var end = new Option<string?>("--end") { Description = "Report end, ISO 8601 with offset; --end-offset is applied to it when both are given." };
        var startOffset = new Option<string?>("--start-offset") { Description = "Start as offsets from now, comma-separated: DB (day begin), HB (hour begin), -1D, 2h, 15min; e.g. DB,-1D for yesterday's midnight." };
        var endOffset = new Option<string?>("--end-offset") { Description = "End as offsets from now, like --start-offset; e.g. DB for today's midnight." };
        var resolution = new Option<string?>("--resolution") { Description = "Resolution the inputs are read at, ISO 8601 (default: the output sensor's)." };
        var timezone = new Option<string?>("--timezone") { Description = "Time zone of the day and hour beginnings in offsets (default: the first output sensor's)." };
        var outputFile = new Option<string?>("--output-file") { Description = "Also write each result as CSV; $name, $sensor_id, $column, $reporter_class and $now are filled in, e.g. result_$sensor_id_$now.csv." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the report; store nothing." };
        var saveConfig = new Option<bool>("--save-config") { Description = "Keep the config in the data source's attributes: each distinct config then stores under a source of its own." };
        var asJob = new Option<bool>("--as-job") { Description = "Queue the report on the reporting queue (Redis) instead of computing it now." };
        var command = new Command("report", "Compute a report from sensors' data and store it as beliefs of a reporter data source.")
        {
            reporter, config, parameters, start, end, startOffset, endOffset, resolution, timezone, outputFile, dryRun, saveConfig, asJob,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                if (parse.GetValue(asJob) && (parse.GetValue(dryRun) || parse.GetValue(outputFile) is not null))
                {
                    throw new CliUserException("--as-job: cannot be combined with --dry-run or --output-file (the job runs elsewhere).");
                }

                var configJson = JsonObjectArgument(parse.GetValue(config), "--config") ?? [];
                var parametersJson = JsonObjectArgument(parse.GetValue(parameters), "--parameters") ?? [];
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var db = services.GetRequiredService<FlexMeasuresDbContext>();
                await CompleteWindowAsync(context, db, parametersJson, new WindowOptions(
                    parse.GetValue(start), parse.GetValue(end), parse.GetValue(startOffset), parse.GetValue(endOffset), parse.GetValue(timezone), parse.GetValue(resolution)), now, token);
                var request = new ReportRequest(parse.GetValue(reporter)!, configJson, parametersJson, parse.GetValue(saveConfig));
                var reports = services.GetRequiredService<ReportService>();
                try
                {
                    if (parse.GetValue(asJob))
                    {
                        // Checked now, so that a bad config is told here and never queued.
                        await reports.ComputeAsync(request, token);
                        await QueueAsync(context, services.GetRequiredService<JobQueueClient>(), request);
                        return 0;
                    }

                    var report = await reports.ComputeAsync(request, token);
                    await RenderAsync(context, report, parse.GetValue(outputFile), parse.GetValue(reporter)!, now);
                    if (parse.GetValue(dryRun))
                    {
                        await context.Out.WriteLineAsync("Dry run: nothing was stored.");
                        return 0;
                    }

                    var stored = await reports.StoreAsync(report, token);
                    await context.Out.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Report stored by data source {stored.SourceId} (type reporter, model {report.Reporter.Name}): {stored.Stored} new beliefs, {stored.Unchanged} unchanged."));
                    return 0;
                }
                catch (InvalidInputException e)
                {
                    // The field is a path in the config or parameters (config.method, parameters.input[1].sensor), not an option name.
                    throw new CliUserException($"{e.Field}: {e.Message}.");
                }
            },
            ct));
        return command;
    }

    /// <summary><c>show reporters</c>.</summary>
    public static Command Show(CliContext context) =>
        GeneratorList.Create(context, "reporters", "List the reporters and what they compute.", ReporterCatalogue.SourceName, ReporterCatalogue.SourceType, ReporterCatalogue.All);

    private sealed record WindowOptions(string? Start, string? End, string? StartOffset, string? EndOffset, string? Timezone, string? Resolution);

    /// <summary>
    /// FlexMeasures' rules for the window: start, end and resolution given in the parameters win; else the options;
    /// offsets count from the given instant, or from now, in the first output sensor's zone (or --timezone). Without a
    /// start, the report continues from the output sensor's latest event; without an end, it runs until now.
    /// </summary>
    private static async Task CompleteWindowAsync(CliContext context, FlexMeasuresDbContext db, JsonObject parameters, WindowOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var outputSensor = parameters["output"] is JsonArray { Count: > 0 } outputs && outputs[0]?["sensor"] is JsonValue id && id.TryGetValue<int>(out var sensorId)
            ? await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sensorId, cancellationToken)
            : null;
        if (outputSensor is null)
        {
            throw new CliUserException("parameters.output: At least one output sensor needs to be specified in the parameters description (e.g. \"output\": [{\"sensor\": 3}]), and it must exist.");
        }

        var zone = options.Timezone ?? outputSensor.Timezone;
        if (options.Timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(options.Timezone, out _))
        {
            throw new CliUserException($"--timezone: '{options.Timezone}' is not an IANA time zone such as Europe/Amsterdam.");
        }

        var start = options.Start is { } s ? Beliefs.BeliefCommands.ParseInstant(s, "--start") : (DateTime?)null;
        var end = options.End is { } e ? Beliefs.BeliefCommands.ParseInstant(e, "--end") : (DateTime?)null;
        try
        {
            if (options.StartOffset is { } so)
            {
                start = OffsetChain.Apply(start ?? now, so, zone, "--start-offset");
            }

            if (options.EndOffset is { } eo)
            {
                end = OffsetChain.Apply(end ?? now, eo, zone, "--end-offset");
            }
        }
        catch (InvalidInputException x)
        {
            throw new CliUserException($"{x.Field}: {x.Message}.");
        }

        if (parameters["start"] is null)
        {
            if (start is null)
            {
                var latest = await db.TimedBeliefs.Where(b => b.SensorId == outputSensor.Id).MaxAsync(b => (DateTime?)b.EventStart, cancellationToken)
                    ?? throw new CliUserException("--start: give --start or --start-offset; the output sensor has no data yet to continue the report from.");
                await context.Error.WriteLineAsync($"No --start or --start-offset: continuing from the output sensor's latest event, {Iso(latest)}.");
                start = latest;
            }

            parameters["start"] = Iso(start.Value);
        }

        if (parameters["end"] is null)
        {
            if (end is null)
            {
                await context.Error.WriteLineAsync($"No --end or --end-offset: reporting until now, {Iso(now)}.");
                end = now;
            }

            parameters["end"] = Iso(end.Value);
        }

        if (parameters["resolution"] is null && options.Resolution is { } resolution)
        {
            parameters["resolution"] = IsoDuration.TryParse(resolution, out var value) && value > TimeSpan.Zero
                ? IsoDuration.Format(value)
                : throw new CliUserException($"--resolution: '{resolution}' is not a positive ISO 8601 duration such as PT1H.");
        }
    }

    private static async Task QueueAsync(CliContext context, JobQueueClient queue, ReportRequest request)
    {
        if (queue.IsInProcess)
        {
            throw new CliUserException("--as-job needs a Redis queue (FLEXMEASURES_REDIS_URL) and workers (`flexmeasures jobs run-worker --queue reporting`); leave it out to report now.");
        }

        try
        {
            var id = queue.EnqueueReport(request);
            await context.Out.WriteLineAsync($"Queued reporting job {id} on {queue.Description} ({request.Reporter}, {request.Parameters["start"]} to {request.Parameters["end"]}).");
        }
        catch (RedisException e)
        {
            throw new CliUserException($"The job queue at {queue.Description} cannot be reached: {e.Message}");
        }
    }

    private static async Task RenderAsync(CliContext context, ComputedReport report, string? outputFile, string reporter, DateTime now)
    {
        foreach (var result in report.Results)
        {
            var count = result.Values.Count(v => v is not null);
            await context.Out.WriteLineAsync(count == 0
                ? $"Report computation done for sensor {result.Sensor.Id} ({result.Sensor.Name}), but the report is empty."
                : string.Create(CultureInfo.InvariantCulture, $"Report computation done for sensor {result.Sensor.Id} ({result.Sensor.Name}): {result.Name}, {count} values in {result.Sensor.Unit}, held at {Iso(report.BeliefTime)}."));
            var csv = new StringBuilder("event_start,event_value\n");
            foreach (var (step, value) in result.Steps.Zip(result.Values))
            {
                if (value is { } v)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Iso(step)},{v.ToString("R", CultureInfo.InvariantCulture)}\n");
                }
            }

            if (outputFile is null)
            {
                await context.Out.WriteAsync(csv.ToString());
                continue;
            }

            var path = outputFile
                .Replace("$sensor_id", result.Sensor.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("$name", result.Name, StringComparison.Ordinal)
                .Replace("$column", "event_value", StringComparison.Ordinal)
                .Replace("$reporter_class", reporter, StringComparison.Ordinal)
                .Replace("$now", now.ToString("yyyy_MM_ddTHHmmss", CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await File.WriteAllTextAsync(path, csv.ToString());
            await context.Out.WriteLineAsync($"The report for sensor {result.Sensor.Id} is written as CSV to {path}.");
        }
    }

    /// <summary>A JSON object given inline (starting with <c>{</c>) or as a file (path, or <c>@path</c>).</summary>
    private static JsonObject? JsonObjectArgument(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        var inline = value.TrimStart().StartsWith('{');
        var node = JsonArgument.Parse(inline || value.StartsWith('@') ? value : "@" + value, option);
        return node as JsonObject ?? throw new CliUserException($"{option}: must be a JSON object.");
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

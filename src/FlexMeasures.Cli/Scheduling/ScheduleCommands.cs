using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Time;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FlexMeasures.Cli.Scheduling;

/// <summary><c>add schedule</c> and <c>show schedulers</c>.</summary>
internal static class ScheduleCommands
{
    /// <summary><c>add schedule --sensor ID | --asset ID --start … [--duration …] [--flex-model JSON|@file] [--flex-context JSON|@file] [--as-job] [--dry-run]</c>.</summary>
    public static Command Add(CliContext context)
    {
        var sensor = new Option<int?>("--sensor") { Description = "Power sensor of the one device to schedule." };
        var asset = new Option<int?>("--asset") { Description = "Asset whose devices (flex-models with a sensor) are scheduled together." };
        var start = new Option<string>("--start") { Description = "Start of the schedule, ISO 8601 with offset (e.g. 2025-01-01T00:00:00+01:00).", Required = true };
        var duration = new Option<string?>("--duration") { Description = "Planning horizon, ISO 8601 (default P2D)." };
        var resolution = new Option<string?>("--resolution") { Description = "How often setpoints may change, ISO 8601 (default: the sensors' resolution)." };
        var prior = new Option<string?>("--prior") { Description = "Belief time: use only data known then, and store the schedule as held then (default: now)." };
        var flexModel = new Option<string?>("--flex-model") { Description = "Flex-model JSON (an object for --sensor, a list for --asset), or @file; overrides the asset's stored one field by field." };
        var flexContext = new Option<string?>("--flex-context") { Description = "Flex-context JSON object, or @file; overrides the stored one field by field." };
        var asJob = new Option<bool>("--as-job") { Description = "Queue the schedule on the scheduling queue instead of computing it now; an identical request within the job cache's lifetime (1 h) gets the earlier job." };
        var forceNew = new Option<bool>("--force-new-job-creation") { Description = "With --as-job: queue a new job even when an identical request queued one." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the schedule and its cost; store nothing." };
        var command = new Command("schedule", "Compute a schedule for a device or a site and store it as beliefs of the scheduler.")
        {
            sensor, asset, start, duration, resolution, prior, flexModel, flexContext, asJob, forceNew, dryRun,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                if (parse.GetValue(sensor) is null == parse.GetValue(asset) is null)
                {
                    throw new CliUserException("--sensor or --asset: give one of them.");
                }

                if (parse.GetValue(asJob) && parse.GetValue(dryRun))
                {
                    throw new CliUserException("--dry-run: cannot be combined with --as-job.");
                }

                if (parse.GetValue(forceNew) && !parse.GetValue(asJob))
                {
                    throw new CliUserException("--force-new-job-creation: only with --as-job.");
                }

                var request = new ScheduleRequest(
                    parse.GetValue(sensor),
                    parse.GetValue(asset),
                    new DateTimeOffset(Beliefs.BeliefCommands.ParseInstant(parse.GetValue(start)!, "--start"), TimeSpan.Zero),
                    Duration(parse.GetValue(duration), "--duration"),
                    Duration(parse.GetValue(resolution), "--resolution"),
                    parse.GetValue(prior) is { } p ? new DateTimeOffset(Beliefs.BeliefCommands.ParseInstant(p, "--prior"), TimeSpan.Zero) : null,
                    JsonArgument.Parse(parse.GetValue(flexModel), "--flex-model"),
                    JsonArgument.Parse(parse.GetValue(flexContext), "--flex-context") switch
                    {
                        null => null,
                        JsonObject o => o,
                        _ => throw new CliUserException("--flex-context: must be a JSON object."),
                    });
                var run = await services.GetRequiredService<SchedulePlanner>().PrepareAsync(request, mayRead: null, token);
                if (parse.GetValue(asJob))
                {
                    var queue = services.GetRequiredService<JobQueueClient>();
                    if (queue.IsInProcess)
                    {
                        throw new CliUserException("--as-job needs a Redis queue (FLEXMEASURES_REDIS_URL) and workers (`flexmeasures jobs run-worker --queue scheduling`); leave it out to schedule now.");
                    }

                    try
                    {
                        // The same job cache as the API's triggers: both sides of the queue see one mapping.
                        var job = queue.EnqueueSchedule(run, run.TriggerKey(beliefTimeGiven: request.Prior is not null), parse.GetValue(forceNew));
                        await context.Out.WriteLineAsync(job.Existing
                            ? $"An identical request already queued scheduling job {job.Id} on {queue.Description}; use --force-new-job-creation for a new one."
                            : $"Queued scheduling job {job.Id} on {queue.Description} ({run.Scheduler}, {run.Steps} steps from {Iso(run.Start)}).");
                        return 0;
                    }
                    catch (RedisException e)
                    {
                        throw new CliUserException($"The job queue at {queue.Description} cannot be reached: {e.Message}");
                    }
                }

                // What a scheduling job does, timed: read the inputs and solve, then store.
                var schedules = services.GetRequiredService<ScheduleService>();
                var clock = Stopwatch.StartNew();
                var outcome = await schedules.ComputeAsync(run, token);
                var computed = clock.Elapsed;
                if (parse.GetValue(dryRun))
                {
                    await PrintAsync(context, outcome);
                    await context.Out.WriteLineAsync("Dry run: nothing was stored.");
                }
                else
                {
                    var (sourceId, stored) = await schedules.StoreAsync(outcome, token);
                    await context.Out.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Schedule of {run.Steps} steps from {Iso(run.Start)} for sensor(s) {string.Join(", ", run.PowerSensors)} stored by data source {sourceId} ({stored} new or changed beliefs)."));
                }

                await context.Out.WriteLineAsync(Costs(outcome));
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Job time: {clock.Elapsed.TotalMilliseconds:0} ms (reading {outcome.ReadTime.TotalMilliseconds:0} ms, building and solving {outcome.SolveTime.TotalMilliseconds:0} ms of which in the solver {outcome.SolverTime.TotalMilliseconds:0} ms, storing {(clock.Elapsed - computed).TotalMilliseconds:0} ms)."));
                return 0;
            },
            ct));
        return command;
    }

    /// <summary><c>show schedulers</c>.</summary>
    public static Command Show(CliContext context) =>
        GeneratorList.Create(context, "schedulers", "List the schedulers and what they plan.", SchedulerNames.SourceName, SchedulerNames.SourceType, SchedulerNames.All);

    private static async Task PrintAsync(CliContext context, ScheduleOutcome outcome)
    {
        var run = outcome.Run;
        var header = string.Join("  ", outcome.Devices.Select(d => $"{$"sensor {d.SensorId} (MW)",16}" + (d.SocMwh is null ? "" : $"  {$"SoC (MWh)",10}")));
        await context.Out.WriteLineAsync($"{"start (UTC)",-20}  {header}");
        for (var k = 0; k < run.Steps; k++)
        {
            var cells = string.Join("  ", outcome.Devices.Select(d =>
                d.PowerMw[k].ToString("0.000000", CultureInfo.InvariantCulture).PadLeft(16)
                + (d.SocMwh is { } soc ? "  " + soc[k + 1].ToString("0.000000", CultureInfo.InvariantCulture).PadLeft(10) : "")));
            await context.Out.WriteLineAsync($"{Iso(run.Start + (run.Resolution * k)),-20}  {cells}");
        }
    }

    private static string Costs(ScheduleOutcome outcome)
    {
        var costs = outcome.Costs;
        var breaches = outcome.Breaches.Count == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" Not met: {string.Join("; ", outcome.Breaches.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Constraint}{(b.Device is null ? "" : $" of {b.Device}")} by up to {b.Largest:0.###}")))}.");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Cost of the schedule: {costs.Energy + costs.Peak + costs.Breach:0.##} {costs.Currency} (energy {costs.Energy:0.##}, peaks {costs.Peak:0.##}, breaches {costs.Breach:0.##}); doing nothing: {costs.DoingNothing:0.##} {costs.Currency}.{breaches}");
    }

    private static TimeSpan? Duration(string? text, string option) =>
        text is null ? null : IsoDuration.TryParse(text, out var value) ? value : throw new CliUserException($"{option}: '{text}' is not an ISO 8601 duration such as PT15M or P2D.");

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

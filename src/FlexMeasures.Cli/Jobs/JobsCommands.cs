using System.CommandLine;
using System.Globalization;
using FlexMeasures.Cli.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using FlexMeasures.Jobs.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FlexMeasures.Cli.Jobs;

/// <summary><c>flexmeasures jobs …</c>: run workers and inspect the queues (the seed's RQ inspection, as commands).</summary>
internal static class JobsCommands
{
    public static Command Create(CliContext context)
    {
        var jobs = new Command("jobs", "Run workers and inspect, requeue or clear jobs on the Redis queue.");
        jobs.Subcommands.Add(RunWorker(context));
        jobs.Subcommands.Add(List(context));
        jobs.Subcommands.Add(Show(context));
        jobs.Subcommands.Add(Requeue(context));
        jobs.Subcommands.Add(ClearQueue(context));
        jobs.Subcommands.Add(Stats(context));
        return jobs;
    }

    private static Command RunWorker(CliContext context)
    {
        var queue = new Option<string>("--queue") { Description = "Queues to work, comma-separated: forecasting, scheduling, reporting.", DefaultValueFactory = _ => string.Join(",", JobQueues.All) };
        var name = new Option<string?>("--name") { Description = "Worker name (default: host:pid:random, unique per machine and process)." };
        var command = new Command("run-worker", "Work jobs until Ctrl-C / SIGTERM (running jobs finish or go back to the queue).") { queue, name };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var queues = ParseQueues(parse.GetValue(queue)!);
                if (services.GetRequiredService<JobQueueClient>().IsInProcess)
                {
                    throw new CliUserException("run-worker needs a Redis queue: set FLEXMEASURES_REDIS_URL. Without one, `flexmeasures run` works the jobs in-process.");
                }

                var workerName = parse.GetValue(name) is { Length: > 0 } given ? given : JobServerSettings.DefaultName();
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = Environments.Production });
                builder.Configuration.AddConfiguration(context.Configuration);
                builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
                builder.Services.AddFlexMeasuresData(context.Configuration).AddFlexMeasuresJobs(context.Configuration).AddFlexMeasuresWorker(workerName, queues);
                using var host = builder.Build();
                await host.Services.GetRequiredService<SchemaMigrator>().EnsureReadyAsync(token);
                var client = host.Services.GetRequiredService<JobQueueClient>();
                client.Statistics();
                await context.Out.WriteLineAsync($"Worker {workerName} on {client.Description}, queues {string.Join(", ", queues)} (Ctrl-C stops after the running jobs).");
                await context.Out.FlushAsync(token);
                try
                {
                    await host.RunAsync(token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }

                await context.Out.WriteLineAsync($"Worker {workerName} stopped.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var queue = new Option<string?>("--queue") { Description = "Only jobs of this queue." };
        var state = new Option<string?>("--state") { Description = "Only jobs in this state: queued, scheduled (waiting for a retry), running, succeeded or failed." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List jobs.") { queue, state, json };
        command.SetAction((parse, ct) => WithQueueAsync(context, async client =>
        {
            JobState? filter = parse.GetValue(state) is { } s
                ? Enum.TryParse<JobState>(s, ignoreCase: true, out var parsed) ? parsed : throw new CliUserException($"--state: '{s}' is not one of queued, scheduled, running, succeeded, failed.")
                : null;
            await Listing.WriteAsync(context, client.List(parse.GetValue(queue), filter), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Job id, or its start as the dashboard shows it (#3f2a9c1d)." };
        var command = new Command("show", "Show a job: arguments, state history, result, exception.") { id };
        command.SetAction((parse, ct) => WithQueueAsync(context, async client =>
        {
            var job = client.Find(ResolveId(client, parse.GetValue(id)!)) ?? throw new CliUserException($"No job with id {parse.GetValue(id)}.");
            var o = context.Out;
            await o.WriteLineAsync($"Job {job.Id}: {job.Job}");
            await o.WriteLineAsync($"  queue:     {job.Queue}");
            await o.WriteLineAsync($"  state:     {job.State}");
            await o.WriteLineAsync($"  created:   {Time(context, job.CreatedAt)}");
            await o.WriteLineAsync($"  runs:      {job.Runs}");
            await o.WriteLineAsync($"  arguments: {string.Join(", ", job.Arguments)}");
            if (job.Result is not null)
            {
                await o.WriteLineAsync($"  result:    {job.Result}");
            }

            if (job.Exception is not null)
            {
                await o.WriteLineAsync($"  exception: {job.Exception}");
            }

            await o.WriteLineAsync("  history:");
            foreach (var entry in job.History)
            {
                var data = string.Join(", ", entry.Data.Where(d => d.Key is "Queue" or "ServerId" or "WorkerId" or "RetryCount" or "ExceptionMessage").Select(d => $"{d.Key}={d.Value}"));
                await o.WriteLineAsync($"    {Time(context, entry.At)}  {entry.State,-10} {entry.Reason} {data}".TrimEnd());
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Requeue(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Job id, or its start as the dashboard shows it (#3f2a9c1d)." };
        var command = new Command("requeue", "Put a job (e.g. a failed one) back on its queue.") { id };
        command.SetAction((parse, ct) => WithQueueAsync(context, async client =>
        {
            var full = ResolveId(client, parse.GetValue(id)!);
            if (!client.Requeue(full))
            {
                throw new CliUserException($"No job with id {parse.GetValue(id)}.");
            }

            await context.Out.WriteLineAsync($"Job {full} is queued again.");
            return 0;
        }, ct));
        return command;
    }

    private static Command ClearQueue(CliContext context)
    {
        var queue = new Option<string>("--queue") { Description = "The queue to clear.", Required = true };
        var failed = new Option<bool>("--failed") { Description = "Delete the queue's failed jobs instead of its waiting ones." };
        var command = new Command("clear-queue", "Delete the waiting (or failed) jobs of a queue.") { queue, failed };
        command.SetAction((parse, ct) => WithQueueAsync(context, async client =>
        {
            var deleted = client.ClearQueue(parse.GetValue(queue)!, parse.GetValue(failed));
            await context.Out.WriteLineAsync($"Deleted {deleted} {(parse.GetValue(failed) ? "failed" : "queued")} jobs of queue {parse.GetValue(queue)}.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Stats(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("stats", "Jobs per state and queue, and the workers alive.") { json };
        command.SetAction((parse, ct) => WithQueueAsync(context, async client =>
        {
            var stats = client.Statistics();
            if (parse.GetValue(json))
            {
                await Listing.WriteAsync(context, [stats], json: true);
                return 0;
            }

            await context.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{stats.Storage}: {stats.Queued} queued, {stats.Running} running, {stats.Succeeded} succeeded, {stats.Failed} failed, {stats.Scheduled} scheduled for retry; {stats.Servers} worker processes."));
            await Listing.WriteAsync(context, stats.Queues, json: false, "Queues");
            await Listing.WriteAsync(context, stats.Workers, json: false, "Workers");
            return 0;
        }, ct));
        return command;
    }

    private static Task<int> WithQueueAsync(CliContext context, Func<JobQueueClient, Task<int>> work, CancellationToken cancellationToken) =>
        context.RunAsync(
            async (services, _) =>
            {
                var client = services.GetRequiredService<JobQueueClient>();
                if (client.IsInProcess)
                {
                    throw new CliUserException("No Redis queue is configured (FLEXMEASURES_REDIS_URL), so jobs live inside the `flexmeasures run` process: see its dashboard at /tasks.");
                }

                try
                {
                    return await work(client);
                }
                catch (RedisException e)
                {
                    throw new CliUserException($"The job queue at {client.Description} cannot be reached: {e.Message}");
                }
                catch (AmbiguousJobIdException e)
                {
                    throw new CliUserException(e.Message);
                }
            },
            cancellationToken);

    /// <exception cref="CliUserException">No job has this id or an id starting with it.</exception>
    private static string ResolveId(JobQueueClient client, string given) =>
        client.ResolveId(given) ?? throw new CliUserException($"No job with id {given}.");

    internal static IReadOnlyList<string> ParseQueues(string text)
    {
        var queues = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = queues.Where(q => !JobQueues.All.Contains(q)).ToList();
        if (queues.Count == 0 || unknown.Count > 0)
        {
            throw new CliUserException($"--queue: '{text}' names no known queue; use {string.Join(", ", JobQueues.All)} (comma-separated).");
        }

        return queues;
    }

    private static string Time(CliContext context, DateTime? time) =>
        time is { } t ? context.Display.Stamp(t) : "";
}

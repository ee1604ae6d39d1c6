using System.CommandLine;
using System.Globalization;
using FlexMeasures.Data.TaskRuns;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Monitoring;

/// <summary><c>flexmeasures monitor …</c>: checks for cron jobs and alerting.</summary>
internal static class MonitorCommands
{
    public static Command Create(CliContext context)
    {
        var monitor = new Command("monitor", "Check that tasks run as they should (exit code 1 when not).");
        monitor.Subcommands.Add(LatestRun(context));
        return monitor;
    }

    private static Command LatestRun(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "Name of the task, as recorded in latest_task_run.", Required = true };
        var maxMinutes = new Option<int>("--max-minutes") { Description = "How many minutes ago the last successful run may be at most.", Required = true };
        maxMinutes.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var minutes) && minutes <= 0)
            {
                result.AddError("--max-minutes must be a positive number of minutes.");
            }
        });
        var command = new Command("latest-run", "Fail when a task last ran longer ago than allowed, or last failed.") { task, maxMinutes };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var name = parse.GetValue(task)!;
                var allowed = TimeSpan.FromMinutes(parse.GetValue(maxMinutes));
                await services.GetRequiredService<Data.Schema.SchemaMigrator>().EnsureReadyAsync(token);
                var run = await services.GetRequiredService<TaskRunRecorder>().FindAsync(name, token);
                if (run is null)
                {
                    await context.Error.WriteLineAsync($"Task '{name}' has no recorded run.");
                    return CliContext.UserError;
                }

                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var age = now - run.Datetime;
                var when = $"{context.Display.Stamp(run.Datetime)} ({age.TotalMinutes:0} minutes ago)";
                if (!run.Status)
                {
                    await context.Error.WriteLineAsync($"Task '{name}' last ran at {when} and failed.");
                    return CliContext.UserError;
                }

                if (age > allowed)
                {
                    await context.Error.WriteLineAsync(
                        $"Task '{name}' last ran at {when}, longer ago than the allowed {allowed.TotalMinutes:0} minutes.");
                    return CliContext.UserError;
                }

                await context.Out.WriteLineAsync($"Task '{name}' last ran successfully at {when}.");
                return 0;
            },
            ct));
        return command;
    }
}

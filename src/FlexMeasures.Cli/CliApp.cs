using System.CommandLine;
using FlexMeasures.Cli.Database;
using FlexMeasures.Cli.Forecasts;
using FlexMeasures.Cli.Hosting;
using FlexMeasures.Cli.Jobs;
using FlexMeasures.Cli.Legacy;
using FlexMeasures.Cli.Monitoring;
using FlexMeasures.Cli.Administration;

namespace FlexMeasures.Cli;

/// <summary>The <c>flexmeasures</c> command line.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("FlexMeasures for .NET: timed beliefs for energy flexibility services.");
        root.Subcommands.Add(DbCommands.Create(context));
        root.Subcommands.Add(AddCommands.Create(context));
        root.Subcommands.Add(ShowCommands.Create(context));
        root.Subcommands.Add(EditCommands.Create(context));
        root.Subcommands.Add(DeleteCommands.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(QuickstartCommand.Create(context));
        root.Subcommands.Add(MonitorCommands.Create(context));
        root.Subcommands.Add(JobsCommands.Create(context));
        root.Subcommands.Add(ForecastCommands.Create(context));
        foreach (var legacy in LegacyCommands.Create(context))
        {
            root.Subcommands.Add(legacy);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        // No response files: `@file` is FlexMeasures' way to give a JSON option from a file (add schedule --flex-model @model.json).
        var parseResult = CreateRootCommand(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (OptionCheck.Problem(parseResult) is { } problem)
        {
            await context.Error.WriteLineAsync($"Error: {problem}");
            await context.Error.FlushAsync(CancellationToken.None);
            return CliContext.UserError;
        }

        var exitCode = await parseResult.InvokeAsync(
            new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,

                // Ctrl-C / SIGTERM cancels the command's token; a worker then lets its running jobs finish
                // (Jobs:StopTimeout, 30 s by default), which the default 2 s before the process ends would cut short.
                ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
            },
            cancellationToken);
        await context.Out.FlushAsync(CancellationToken.None);
        await context.Error.FlushAsync(CancellationToken.None);
        return exitCode;
    }
}

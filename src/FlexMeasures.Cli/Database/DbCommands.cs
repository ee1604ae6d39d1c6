using System.CommandLine;
using FlexMeasures.Data.Backups;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using FlexMeasures.Data.TaskRuns;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Database;

/// <summary><c>flexmeasures db …</c>: the database structure and its backups.</summary>
internal static class DbCommands
{
    /// <summary>The task name <c>db dump</c> records, for <c>monitor latest-run --task db-dump</c>.</summary>
    public const string DumpTaskName = "db-dump";

    public static Command Create(CliContext context)
    {
        var db = new Command("db", "Manage the database structure (revisions) and backups.");
        db.Subcommands.Add(Upgrade(context));
        db.Subcommands.Add(Downgrade(context));
        db.Subcommands.Add(Current(context));
        db.Subcommands.Add(History(context));
        db.Subcommands.Add(Reset(context));
        db.Subcommands.Add(Dump(context));
        db.Subcommands.Add(Restore(context));
        db.Subcommands.Add(ShowDataModel(context));
        return db;
    }

    private static Command Upgrade(CliContext context)
    {
        var to = new Option<string?>("--to") { Description = "Revision to upgrade to (id, name or 'head'); default: the latest." };
        var command = new Command("upgrade", "Bring the database to the latest (or given) revision; on PostgreSQL also create the cube and earthdistance extensions.") { to };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var before = await services.GetRequiredService<SchemaMigrator>().GetStatusAsync(token);
                var after = await services.GetRequiredService<SchemaMigrator>().UpgradeAsync(parse.GetValue(to), token);
                await ReportMoveAsync(context, services, before, after);
                return 0;
            },
            ct));
        return command;
    }

    private static Command Downgrade(CliContext context)
    {
        var revision = new Argument<string?>("revision")
        {
            Description = "Revision to go back to (id, name or 'base'); default: one step back.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var yes = CliContext.YesOption();
        var command = new Command("downgrade", "Revert the database structure by one revision, or to the given one; asks first when that drops data.") { revision, yes };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var migrator = services.GetRequiredService<SchemaMigrator>();
                var before = await migrator.GetStatusAsync(token);
                var losses = (await migrator.PlanDowngradeAsync(parse.GetValue(revision), token)).Where(l => l.Rows > 0).ToList();
                if (losses.Count > 0)
                {
                    var connection = services.GetRequiredService<DatabaseConnection>();
                    await context.Out.WriteLineAsync($"Downgrading {connection.Description} to {parse.GetValue(revision) ?? "the previous revision"} destroys:");
                    foreach (var loss in losses)
                    {
                        await context.Out.WriteLineAsync($"  {loss}");
                    }

                    if (!await context.ConfirmAsync("Continue?", parse.GetValue(yes)))
                    {
                        await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                        return CliContext.UserError;
                    }
                }

                var after = await migrator.DowngradeAsync(parse.GetValue(revision), token);
                await ReportMoveAsync(context, services, before, after);
                return 0;
            },
            ct));
        return command;
    }

    private static Command Current(CliContext context)
    {
        var command = new Command("current", "Show the database's current revision.");
        command.SetAction((_, ct) => context.RunAsync(
            async (services, token) =>
            {
                var status = await services.GetRequiredService<SchemaMigrator>().GetStatusAsync(token);
                var current = status.Current?.Id ?? SchemaMigrator.Base;
                var head = status.Current == status.Latest ? " (head)" : $" ({status.Pending.Count} pending, head is {status.Latest.Id})";
                await context.Out.WriteLineAsync($"{current}{head}");
                return 0;
            },
            ct));
        return command;
    }

    private static Command History(CliContext context)
    {
        var command = new Command("history", "List every revision, newest first, marking the current one.");
        command.SetAction((_, ct) => context.RunAsync(
            async (services, token) =>
            {
                var status = await services.GetRequiredService<SchemaMigrator>().GetStatusAsync(token);
                foreach (var revision in status.Revisions.Reverse())
                {
                    var marks = new List<string>();
                    if (revision == status.Latest)
                    {
                        marks.Add("head");
                    }

                    if (revision == status.Current)
                    {
                        marks.Add("current");
                    }

                    var state = revision.Applied ? "applied" : "pending";
                    var suffix = marks.Count > 0 ? $" ({string.Join(", ", marks)})" : "";
                    await context.Out.WriteLineAsync($"{(revision == status.Current ? "*" : " ")} {revision.Id}  [{state}]{suffix}");
                }

                await context.Out.WriteLineAsync($"{(status.Current is null ? "*" : " ")} {SchemaMigrator.Base}{(status.Current is null ? " (current)" : "")}");
                return 0;
            },
            ct));
        return command;
    }

    private static Command Reset(CliContext context)
    {
        var yes = CliContext.YesOption();
        var command = new Command("reset", "Drop all tables and data, then recreate the structure at the latest revision.") { yes };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var connection = services.GetRequiredService<DatabaseConnection>();
                if (!await context.ConfirmAsync($"This deletes ALL data in {connection.Description}. Continue?", parse.GetValue(yes)))
                {
                    await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                    return CliContext.UserError;
                }

                var status = await services.GetRequiredService<SchemaMigrator>().ResetAsync(token);
                await context.Out.WriteLineAsync($"Reset {connection.Description}: empty, at revision {status.Current?.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command Dump(CliContext context)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Folder to write the backup into; default: the working directory." };
        var command = new Command("dump", "Back up the data: a data-only pg_dump on PostgreSQL, an online copy of the file on SQLite.") { output };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                await services.GetRequiredService<SchemaMigrator>().EnsureReadyAsync(token);
                var path = "";
                await services.GetRequiredService<TaskRunRecorder>().RunAsync(
                    DumpTaskName,
                    async t => path = await services.GetRequiredService<DatabaseBackup>().DumpAsync(parse.GetValue(output), t),
                    token);
                await context.Out.WriteLineAsync($"Backup written to {path}");
                return 0;
            },
            ct));
        return command;
    }

    private static Command Restore(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A backup made by `flexmeasures db dump` (or a data-only pg_dump of FlexMeasures)." };
        var yes = CliContext.YesOption();
        var command = new Command("restore", "Replace all data with a backup, in a database freshly brought to the latest revision.") { file, yes };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var connection = services.GetRequiredService<DatabaseConnection>();
                var path = parse.GetValue(file)!;
                if (!File.Exists(path))
                {
                    throw new CliUserException($"Backup file '{path}' does not exist.");
                }

                if (!await context.ConfirmAsync($"This replaces ALL data in {connection.Description} with {path}. Continue?", parse.GetValue(yes)))
                {
                    await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                    return CliContext.UserError;
                }

                await services.GetRequiredService<DatabaseBackup>().RestoreAsync(path, token);
                await context.Out.WriteLineAsync($"Restored {path} into {connection.Description}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command ShowDataModel(CliContext context)
    {
        var format = new Option<DiagramFormat>("--format", "-f")
        {
            Description = "mermaid, dot, svg or png (svg and png need Graphviz).",
            DefaultValueFactory = _ => DiagramFormat.Mermaid,
        };
        var output = new Option<string?>("--output", "-o") { Description = "File to write; default: standard output (text formats only)." };
        var command = new Command("show-data-model", "Draw the tables, columns and foreign keys of the data model.") { format, output };
        command.SetAction((parse, ct) => context.RunAsync(
            async (services, token) =>
            {
                var chosen = parse.GetValue(format);
                var file = parse.GetValue(output);
                if (file is null && chosen is DiagramFormat.Svg or DiagramFormat.Png)
                {
                    throw new CliUserException($"--format {chosen.ToString().ToLowerInvariant()} writes a picture: give a file with --output.");
                }

                var bytes = await services.GetRequiredService<DataModelDiagram>().RenderAsync(chosen, token);
                if (file is null)
                {
                    await context.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
                    return 0;
                }

                await File.WriteAllBytesAsync(file, bytes, token);
                await context.Out.WriteLineAsync($"Data model written to {file}");
                return 0;
            },
            ct));
        return command;
    }

    private static async Task ReportMoveAsync(CliContext context, IServiceProvider services, SchemaStatus before, SchemaStatus after)
    {
        var connection = services.GetRequiredService<DatabaseConnection>();
        var from = before.Current?.Id ?? SchemaMigrator.Base;
        var to = after.Current?.Id ?? SchemaMigrator.Base;
        await context.Out.WriteLineAsync(from == to
            ? $"{connection.Description} is already at revision {to}."
            : $"{connection.Description}: {from} -> {to}.");
    }
}

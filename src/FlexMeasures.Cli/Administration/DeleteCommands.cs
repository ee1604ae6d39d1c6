using System.CommandLine;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Administration;

/// <summary><c>flexmeasures delete …</c>: remove structure and data (the seed's <c>db-depopulate</c>), after confirmation.</summary>
internal static class DeleteCommands
{
    public static Command Create(CliContext context)
    {
        var delete = new Command("delete", "Remove users, accounts, assets, sensors, beliefs or the whole structure.");
        delete.Subcommands.Add(UserCommand(context));
        delete.Subcommands.Add(AccountCommand(context));
        delete.Subcommands.Add(AssetCommand(context));
        delete.Subcommands.Add(SensorCommand(context));
        delete.Subcommands.Add(StructureCommand(context));
        delete.Subcommands.Add(BeliefsByHorizonCommand(context, prognoses: false));
        delete.Subcommands.Add(BeliefsByHorizonCommand(context, prognoses: true));
        foreach (var command in Beliefs.BeliefCommands.Delete(context))
        {
            delete.Subcommands.Add(command);
        }

        delete.Subcommands.Add(Annotations.AnnotationCommands.Delete(context));
        return delete;
    }

    private static Command UserCommand(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "Email of the user.", Required = true };
        var force = CliContext.YesOption();
        var command = new Command("user", "Delete a user (their data source and its data stay).") { email, force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var address = parse.GetValue(email)!;
                if (!await context.ConfirmAsync($"Delete user {address}?", parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                var user = await services.GetRequiredService<UserService>().DeleteAsync(address, token);
                await context.Out.WriteLineAsync($"Deleted user '{user.Username}' ({user.Email}).");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AccountCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Account id.", Required = true };
        var force = CliContext.YesOption();
        var command = new Command("account", "Delete an account with its users, assets, sensors and their beliefs.") { id, force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var accounts = services.GetRequiredService<AccountService>();
                var what = await accounts.DescribeDeletionAsync(parse.GetValue(id), token);
                if (!await context.ConfirmAsync(
                    $"Delete account '{what.Name}' with {what.Users} users, {what.Assets} assets, {what.Sensors} sensors and {what.Beliefs} beliefs?",
                    parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                await accounts.DeleteAsync(parse.GetValue(id), token);
                await context.Out.WriteLineAsync($"Deleted account '{what.Name}'.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AssetCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Asset id.", Required = true };
        var force = CliContext.YesOption();
        var command = new Command("asset", "Delete an asset with its child assets, sensors and their beliefs.") { id, force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var assets = services.GetRequiredService<AssetService>();
                var (asset, count, sensors, beliefs) = await assets.DescribeDeletionAsync(parse.GetValue(id), token);
                if (!await context.ConfirmAsync(
                    $"Delete asset '{asset.Name}' ({count} assets including children, {sensors} sensors, {beliefs} beliefs)?", parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                await assets.DeleteAsync(asset.Id, token);
                await context.Out.WriteLineAsync($"Deleted asset '{asset.Name}'.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command SensorCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Sensor id.", Required = true };
        var force = CliContext.YesOption();
        var command = new Command("sensor", "Delete a sensor and its beliefs.") { id, force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var sensors = services.GetRequiredService<SensorService>();
                var (sensor, beliefs) = await sensors.DescribeDeletionAsync(parse.GetValue(id), token);
                if (!await context.ConfirmAsync($"Delete sensor '{sensor.Name}' and its {beliefs} beliefs?", parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                await sensors.DeleteAsync(sensor.Id, token);
                await context.Out.WriteLineAsync($"Deleted sensor '{sensor.Name}' and {beliefs} beliefs.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command StructureCommand(CliContext context)
    {
        var force = CliContext.YesOption();
        var command = new Command("structure", "Delete all accounts, users, roles, assets, sensors, data sources and beliefs.") { force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var deletion = services.GetRequiredService<DataDeletion>();
                var counts = await deletion.CountStructureAsync(token);
                var summary = string.Join(", ", counts.Select(c => $"{c.Count} {c.What}"));
                if (!await context.ConfirmAsync($"Delete {summary}?", parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                await deletion.DeleteStructureAsync(token);
                await context.Out.WriteLineAsync($"Deleted {summary}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command BeliefsByHorizonCommand(CliContext context, bool prognoses)
    {
        var sensor = new Option<int?>("--sensor") { Description = "Only this sensor's beliefs." };
        var force = CliContext.YesOption();
        var what = prognoses ? "prognoses" : "measurements";
        var command = new Command(
            what,
            prognoses ? "Delete forecasts (beliefs with a positive horizon)." : "Delete measurements (beliefs with horizon zero or negative).") { sensor, force };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var deletion = services.GetRequiredService<DataDeletion>();
                var sensorId = parse.GetValue(sensor);
                var count = await deletion.CountBeliefsAsync(prognoses, sensorId, token);
                var scope = sensorId is null ? "all sensors" : $"sensor {sensorId}";
                if (!await context.ConfirmAsync($"Delete {count} {what} of {scope}?", parse.GetValue(force)))
                {
                    return await AbortedAsync(context);
                }

                var deleted = await deletion.DeleteBeliefsAsync(prognoses, sensorId, token);
                await context.Out.WriteLineAsync($"Deleted {deleted} {what} of {scope}.");
                return 0;
            },
            ct));
        return command;
    }

    private static async Task<int> AbortedAsync(CliContext context)
    {
        await context.Error.WriteLineAsync("Aborted: nothing was changed.");
        return CliContext.UserError;
    }
}

using System.CommandLine;
using System.Globalization;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Administration;

/// <summary><c>flexmeasures add …</c>: create structure (the seed's <c>new-user</c> and <c>db-populate --structure</c>).</summary>
internal static class AddCommands
{
    public static Command Create(CliContext context)
    {
        var add = new Command("add", "Create accounts, users, asset types, assets, sensors, data sources and annotations.");
        add.Subcommands.Add(InitialStructureCommand(context));
        add.Subcommands.Add(AccountCommand(context));
        add.Subcommands.Add(UserCommand(context));
        add.Subcommands.Add(AssetTypeCommand(context));
        add.Subcommands.Add(AssetCommand(context));
        add.Subcommands.Add(SensorCommand(context));
        add.Subcommands.Add(SourceCommand(context));
        add.Subcommands.Add(Beliefs.BeliefCommands.Add(context));
        add.Subcommands.Add(ToyAccountCommand(context));
        add.Subcommands.Add(Forecasts.ForecastCommands.Add(context));
        add.Subcommands.Add(Scheduling.ScheduleCommands.Add(context));
        add.Subcommands.Add(Reporting.ReportCommands.Add(context));
        add.Subcommands.Add(Annotations.AnnotationCommands.Add(context));
        add.Subcommands.Add(Annotations.AnnotationCommands.AddHolidays(context));
        return add;
    }

    private static Command InitialStructureCommand(CliContext context)
    {
        var command = new Command("initial-structure", "Add the standard user roles, account roles, asset types and data sources (idempotent).");
        command.SetAction((_, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var added = await services.GetRequiredService<InitialStructure>().EnsureAsync(token);
                await context.Out.WriteLineAsync(added.Total == 0
                    ? "The initial structure is complete; nothing added."
                    : $"Added {added.Roles} user roles, {added.AccountRoles} account roles, {added.AssetTypes} asset types and {added.DataSources} data sources.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AccountCommand(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Account name (unique).", Required = true };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated account roles, e.g. Prosumer,Supplier." };
        var consultancy = new Option<int?>("--consultancy") { Description = "Id of the consultancy account that may manage this one." };
        var command = new Command("account", "Create an account.") { name, roles, consultancy };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var account = await services.GetRequiredService<AccountService>().CreateAsync(
                    parse.GetValue(name)!, SplitList(parse.GetValue(roles)), parse.GetValue(consultancy), actor: null, token);
                await context.Out.WriteLineAsync($"Account '{account.Name}' created with id {account.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command UserCommand(CliContext context)
    {
        var username = new Option<string>("--username") { Description = "Login name (unique).", Required = true };
        var email = new Option<string>("--email") { Description = "Email address (unique).", Required = true };
        var account = new Option<int>("--account") { Description = "Id of the user's account.", Required = true };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles: admin, admin-reader, account-admin, consultant, task-runner." };
        var timezone = new Option<string>("--timezone") { Description = "IANA time zone of the user.", DefaultValueFactory = _ => "Europe/Amsterdam" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts)." };
        var command = new Command("user", "Create a user (asks for the password twice on a terminal).") { username, email, account, roles, timezone, passwordStdin };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var password = await ReadNewPasswordAsync(context, parse.GetValue(passwordStdin));
                var user = await services.GetRequiredService<UserService>().CreateAsync(
                    new NewUser(parse.GetValue(username)!, parse.GetValue(email)!, parse.GetValue(account), password, SplitList(parse.GetValue(roles)), parse.GetValue(timezone)!),
                    token);
                await context.Out.WriteLineAsync($"User '{user.Username}' created with id {user.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AssetTypeCommand(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Asset type name (unique).", Required = true };
        var description = new Option<string?>("--description") { Description = "What assets of this type are." };
        var command = new Command("asset-type", "Create an asset type.") { name, description };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var type = await services.GetRequiredService<AssetService>().CreateTypeAsync(parse.GetValue(name)!, parse.GetValue(description), token);
                await context.Out.WriteLineAsync($"Asset type '{type.Name}' created with id {type.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AssetCommand(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Asset name (unique among siblings).", Required = true };
        var assetType = new Option<int>("--asset-type") { Description = "Id of the asset type.", Required = true };
        var account = new Option<string>("--account") { Description = "Id of the owning account, or 'public'.", Required = true };
        var parent = new Option<int?>("--parent-asset") { Description = "Id of the parent asset." };
        var latitude = new Option<double?>("--latitude") { Description = "Degrees north (−90 to 90)." };
        var longitude = new Option<double?>("--longitude") { Description = "Degrees east (−180 to 180)." };
        var attributes = new Option<string?>("--attributes") { Description = "JSON object of attributes." };
        var flexModel = new Option<string?>("--flex-model") { Description = "JSON object: the asset's flex-model (e.g. {\"sensor\": 5, \"soc-max\": \"1 MWh\", \"power-capacity\": \"0.5 MW\"}), or @file." };
        var flexContext = new Option<string?>("--flex-context") { Description = "JSON object: the asset's flex-context (e.g. {\"consumption-price\": {\"sensor\": 3}}), or @file." };
        var command = new Command("asset", "Create an asset.") { name, assetType, account, parent, latitude, longitude, attributes, flexModel, flexContext };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var accountText = parse.GetValue(account)!;
                int? accountId = accountText.Equals("public", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : int.TryParse(accountText, CultureInfo.InvariantCulture, out var id)
                        ? id
                        : throw new CliUserException($"--account: give an account id or 'public', not '{accountText}'.");
                var asset = await services.GetRequiredService<AssetService>().CreateAsync(
                    new NewAsset(parse.GetValue(name)!, parse.GetValue(assetType), accountId, parse.GetValue(parent), parse.GetValue(latitude), parse.GetValue(longitude), parse.GetValue(attributes),
                        JsonArgument.Text(parse.GetValue(flexModel), "--flex-model"), JsonArgument.Text(parse.GetValue(flexContext), "--flex-context")),
                    token);
                await context.Out.WriteLineAsync($"Asset '{asset.Name}' created with id {asset.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command SensorCommand(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Sensor name (unique per asset).", Required = true };
        var unit = new Option<string>("--unit") { Description = "Unit, e.g. kW, EUR/MWh, °C, m³/h; \"\" for none.", Required = true };
        var resolution = new Option<string>("--event-resolution") { Description = "ISO 8601 duration of each event, e.g. PT15M; PT0M for instantaneous.", Required = true };
        var timezone = new Option<string>("--timezone") { Description = "IANA time zone of the sensor.", Required = true };
        var asset = new Option<int>("--asset") { Description = "Id of the asset the sensor belongs to.", Required = true };
        var horizon = new Option<string>("--knowledge-horizon")
        {
            Description = "When an event's value becomes known: ex_post, ex_ante, at_date, x_days_ago_at_y_oclock or x_years_ago_at_date.",
            DefaultValueFactory = _ => "ex_post",
        };
        var horizonParameters = new Option<string?>("--knowledge-horizon-par") { Description = "JSON parameters of the knowledge horizon, e.g. {\"x\": 1, \"y\": 12, \"z\": \"Europe/Paris\"}." };
        var attributes = new Option<string?>("--attributes") { Description = "JSON object of attributes." };
        var command = new Command("sensor", "Create a sensor.") { name, unit, resolution, timezone, asset, horizon, horizonParameters, attributes };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var sensor = await services.GetRequiredService<SensorService>().CreateAsync(
                    new NewSensor(
                        parse.GetValue(name)!,
                        parse.GetValue(unit)!,
                        parse.GetValue(resolution)!,
                        parse.GetValue(timezone)!,
                        parse.GetValue(asset),
                        parse.GetValue(horizon)!,
                        parse.GetValue(horizonParameters),
                        parse.GetValue(attributes)),
                    token);
                await context.Out.WriteLineAsync($"Sensor '{sensor.Name}' created with id {sensor.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command SourceCommand(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Source name.", Required = true };
        var type = new Option<string?>("--type") { Description = "E.g. forecaster, scheduler, reporter, demo script, gateway, market." };
        var model = new Option<string?>("--model") { Description = "Model that produced the data." };
        var version = new Option<string?>("--version") { Description = "Model version, e.g. 1.2.0." };
        var account = new Option<int?>("--account") { Description = "Id of the account the source belongs to." };
        var command = new Command("source", "Create a data source.") { name, type, model, version, account };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var source = await services.GetRequiredService<DataSourceService>().CreateAsync(
                    parse.GetValue(name)!, parse.GetValue(type), parse.GetValue(model), parse.GetValue(version), parse.GetValue(account), token);
                await context.Out.WriteLineAsync($"Data source '{source.Name}' created with id {source.Id}.");
                return 0;
            },
            ct));
        return command;
    }

    private static Command ToyAccountCommand(CliContext context)
    {
        var days = new Option<int>("--days") { Description = "Days of made-up measurements, up to today.", DefaultValueFactory = _ => 28 };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = $"Read the toy user's password from standard input (default: {ToyPassword})." };
        var command = new Command("toy-account", "Add a toy account to try things with: a building with solar panels and a battery, prices and weather, with data.") { days, passwordStdin };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var password = parse.GetValue(passwordStdin) ? await ReadNewPasswordAsync(context, fromStdin: true) : ToyPassword;
                var toy = await services.GetRequiredService<Data.Demo.ToyAccount>().EnsureAsync(password, parse.GetValue(days), token);
                await context.Out.WriteLineAsync($"Toy account ready: log in as {Data.Demo.ToyAccount.UserEmail}.");
                await context.Out.WriteLineAsync(
                    $"Sensors: consumption {toy.Consumption}, solar production {toy.Production}, battery {toy.Battery}, day-ahead prices {toy.Prices}, temperature {toy.Temperature}, irradiance {toy.Irradiance}.");
                return 0;
            },
            ct));
        return command;
    }

    /// <summary>The toy user's password unless another is given; for trying the platform only.</summary>
    internal const string ToyPassword = "toy-password";

    /// <summary>A new password, twice on a terminal, or once from standard input.</summary>
    internal static async Task<string> ReadNewPasswordAsync(CliContext context, bool fromStdin)
    {
        if (fromStdin || !context.IsInteractive)
        {
            return (await context.In.ReadLineAsync())?.TrimEnd('\r')
                ?? throw new CliUserException("--password-stdin: standard input had no password line.");
        }

        var first = await context.ReadSecretAsync("Password: ") ?? "";
        UserService.CheckPassword(first);
        var second = await context.ReadSecretAsync("Repeat password: ") ?? "";
        return first == second ? first : throw new CliUserException("The passwords do not match; nothing was changed.");
    }

    internal static string[] SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

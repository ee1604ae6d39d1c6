using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Administration;

/// <summary><c>flexmeasures edit …</c>: change attributes, an asset's stored flex config, and passwords.</summary>
internal static class EditCommands
{
    public static Command Create(CliContext context)
    {
        var edit = new Command("edit", "Change attributes of sensors, assets and accounts, assets' flex-models and flex-contexts, and passwords.");
        edit.Subcommands.Add(AttributeCommand(context));
        edit.Subcommands.Add(AssetCommand(context));
        edit.Subcommands.Add(PasswordCommand(context));
        return edit;
    }

    private static Command AttributeCommand(CliContext context)
    {
        var sensor = new Option<int?>("--sensor") { Description = "Id of the sensor to edit." };
        var asset = new Option<int?>("--asset") { Description = "Id of the asset to edit." };
        var account = new Option<int?>("--account") { Description = "Id of the account to edit." };
        var key = new Option<string>("--attribute") { Description = "Name of the attribute.", Required = true };
        Option<string?>[] values =
        [
            new("--float") { Description = "Set a number, e.g. 0.95." },
            new("--int") { Description = "Set a whole number." },
            new("--bool") { Description = "Set true or false." },
            new("--str") { Description = "Set a text." },
            new("--list") { Description = "Set a JSON list, e.g. [1, 2]." },
            new("--dict") { Description = "Set a JSON object, e.g. {\"a\": 1}." },
        ];
        var setNull = new Option<bool>("--null") { Description = "Set JSON null." };
        var command = new Command("attribute", "Set one attribute of a sensor, asset or account.") { sensor, asset, account, key, setNull };
        foreach (var value in values)
        {
            command.Options.Add(value);
        }

        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var targets = new (AttributeTarget Target, int? Id)[]
                {
                    (AttributeTarget.Sensor, parse.GetValue(sensor)), (AttributeTarget.Asset, parse.GetValue(asset)), (AttributeTarget.Account, parse.GetValue(account)),
                }.Where(t => t.Id is not null).ToList();
                if (targets.Count != 1)
                {
                    throw new CliUserException("Give exactly one of --sensor, --asset or --account.");
                }

                var given = values.Select(o => (Option: o, Value: parse.GetValue(o))).Where(v => v.Value is not null).ToList();
                if (given.Count + (parse.GetValue(setNull) ? 1 : 0) != 1)
                {
                    throw new CliUserException("Give exactly one value: --float, --int, --bool, --str, --list, --dict or --null.");
                }

                var node = given.Count == 0 ? null : ToJson(given[0].Option.Name, given[0].Value!);
                var attributes = await services.GetRequiredService<AttributeEditor>().SetAsync(
                    targets[0].Target, targets[0].Id!.Value, parse.GetValue(key)!, node, token);
                await context.Out.WriteLineAsync($"Attributes of {targets[0].Target.ToString().ToLowerInvariant()} {targets[0].Id} are now {attributes}");
                return 0;
            },
            ct));
        return command;
    }

    /// <summary>
    /// <c>edit asset --id N [--flex-model JSON|@file] [--flex-context JSON|@file] [--clear-flex-model] [--clear-flex-context]</c>:
    /// replaces the stored flex config, checked by the same rules as <c>add asset</c> and the API's PATCH.
    /// </summary>
    private static Command AssetCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Id of the asset to edit.", Required = true };
        var flexModel = new Option<string?>("--flex-model") { Description = "JSON object, or @file: replaces the asset's stored flex-model (e.g. {\"sensor\": 5, \"soc-max\": \"1 MWh\", \"power-capacity\": \"0.5 MW\"})." };
        var flexContext = new Option<string?>("--flex-context") { Description = "JSON object, or @file: replaces the asset's stored flex-context (e.g. {\"consumption-price\": {\"sensor\": 3}})." };
        var clearModel = new Option<bool>("--clear-flex-model") { Description = "Remove the stored flex-model." };
        var clearContext = new Option<bool>("--clear-flex-context") { Description = "Remove the stored flex-context." };
        var command = new Command("asset", "Set, replace or clear an asset's stored flex-model and flex-context (used by schedule triggers that leave them out).")
        {
            id, flexModel, flexContext, clearModel, clearContext,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var flexModelText = Replacement(parse.GetValue(flexModel), parse.GetValue(clearModel), "--flex-model");
                var flexContextText = Replacement(parse.GetValue(flexContext), parse.GetValue(clearContext), "--flex-context");
                if (flexModelText is null && flexContextText is null)
                {
                    throw new CliUserException("Give --flex-model, --flex-context, --clear-flex-model or --clear-flex-context.");
                }

                var asset = await services.GetRequiredService<AssetService>().UpdateAsync(
                    parse.GetValue(id), name: null, latitude: null, longitude: null, attributes: null, flexModelText, flexContextText, token);
                await context.Out.WriteLineAsync($"Asset {asset.Id} ('{asset.Name}'): flex-model {asset.FlexModel}, flex-context {asset.FlexContext}");
                return 0;
            },
            ct));
        return command;
    }

    /// <summary>The new stored value: the given JSON, <c>{}</c> (nothing stored) to clear, or null to leave it.</summary>
    private static string? Replacement(string? value, bool clear, string option)
    {
        if (clear && value is not null)
        {
            throw new CliUserException($"{option}: cannot be combined with --clear{option[1..]}.");
        }

        return clear ? "{}" : JsonArgument.Text(value, option);
    }

    private static Command PasswordCommand(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "Email of the user.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of standard input." };
        var command = new Command("password", "Set a user's password; their existing tokens stop working.") { email, passwordStdin };
        command.Aliases.Add("reset-password");
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var password = await AddCommands.ReadNewPasswordAsync(context, parse.GetValue(passwordStdin));
                await services.GetRequiredService<UserService>().SetPasswordAsync(parse.GetValue(email)!, password, token);
                await context.Out.WriteLineAsync($"Password of {parse.GetValue(email)} changed; existing tokens are revoked.");
                return 0;
            },
            ct));
        return command;
    }

    private static JsonNode ToJson(string option, string text)
    {
        switch (option)
        {
            case "--float":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? JsonValue.Create(number)
                    : throw new CliUserException($"--float: '{text}' is not a number.");
            case "--int":
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                    ? JsonValue.Create(whole)
                    : throw new CliUserException($"--int: '{text}' is not a whole number.");
            case "--bool":
                return bool.TryParse(text, out var flag)
                    ? JsonValue.Create(flag)
                    : throw new CliUserException($"--bool: '{text}' is not true or false.");
            case "--str":
                return JsonValue.Create(text);
            default:
                JsonNode? parsed;
                try
                {
                    parsed = JsonNode.Parse(text);
                }
                catch (JsonException e)
                {
                    throw new CliUserException($"{option}: '{text}' is not valid JSON ({e.Message}).");
                }

                return (option, parsed) switch
                {
                    ("--list", JsonArray list) => list,
                    ("--dict", JsonObject dict) => dict,
                    _ => throw new CliUserException($"{option}: '{text}' is not a JSON {(option == "--list" ? "list" : "object")}."),
                };
        }
    }
}

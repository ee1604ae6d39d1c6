using System.Text.Json;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Security;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Cli.Tests.Administration;

public sealed class StructureCommandsTests
{
    [Theory]
    [BothProviders]
    public async Task InitialStructure_AddsTheStandardRows_AndChangesNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Migrator.UpgradeAsync(null, CancellationToken.None);

        var first = await Cli.RunAsync(database, "add", "initial-structure");
        var counts = await CountsAsync(database);
        var second = await Cli.RunAsync(database, "add", "initial-structure");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("Added 5 user roles, 6 account roles, 9 asset types and 3 data sources.", first.Output.Trim());
        Assert.Equal((5, 6, 9, 3), counts);
        Assert.Equal("The initial structure is complete; nothing added.", second.Output.Trim());
        Assert.Equal(counts, await CountsAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task AScript_CreatesAWholeStructure_AndShowPrintsItBack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        await Ok(database, "add", "initial-structure");
        await Ok(database, "add", "account", "--name", "Toy company", "--roles", "Prosumer,Supplier");
        var user = await Cli.RunWithInputAsync(database, "s3cret-passw0rd\n",
            "add", "user", "--username", "toy-user", "--email", "toy@example.org", "--account", "1", "--roles", "account-admin", "--password-stdin");
        await Ok(database, "add", "asset", "--name", "toy building", "--asset-type", "6", "--account", "1", "--latitude", "52.37", "--longitude", "4.9");
        await Ok(database, "add", "asset", "--name", "toy battery", "--asset-type", "5", "--account", "1", "--parent-asset", "1", "--attributes", """{"capacity_in_mw": 0.5}""");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "2");
        await Ok(database, "add", "sensor", "--name", "day-ahead prices", "--unit", "EUR/MWh", "--event-resolution", "PT1H", "--timezone", "Europe/Amsterdam", "--asset", "1",
            "--knowledge-horizon", "x_days_ago_at_y_oclock", "--knowledge-horizon-par", """{"x": 1, "y": 12, "z": "Europe/Paris"}""");
        await Ok(database, "add", "source", "--name", "ENTSO-E", "--type", "market", "--account", "1");

        var accounts = await Ok(database, "show", "accounts", "--json");
        var users = await Ok(database, "show", "users");
        var sensors = await Ok(database, "show", "sensors", "--json");
        var asset = await Ok(database, "show", "asset", "--id", "1");
        var sources = await Ok(database, "show", "data-sources", "--show-attributes");

        Assert.Equal(0, user.ExitCode);
        using var accountJson = JsonDocument.Parse(accounts);
        var account = Assert.Single(accountJson.RootElement.EnumerateArray());
        Assert.Equal("Toy company", account.GetProperty("name").GetString());
        Assert.Equal(["Prosumer", "Supplier"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal((1, 2), (account.GetProperty("users").GetInt32(), account.GetProperty("assets").GetInt32()));
        Assert.Contains("toy-user", users, StringComparison.Ordinal);
        Assert.Contains("account-admin", users, StringComparison.Ordinal);
        using var sensorJson = JsonDocument.Parse(sensors);
        Assert.Equal(["PT15M", "PT1H"], sensorJson.RootElement.EnumerateArray().Select(s => s.GetProperty("event_resolution").GetString()));
        Assert.Contains("toy battery", asset, StringComparison.Ordinal);
        Assert.Contains("day-ahead prices", asset, StringComparison.Ordinal);
        Assert.Contains("ENTSO-E", sources, StringComparison.Ordinal);
        Assert.Contains("toy-user", sources, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AddUser_CreatesItsDataSourceAndAuditEntry_WithAVerifiablePassword(DatabaseProvider provider)
    {
        await using var database = await AccountDatabaseAsync(provider);

        var result = await Cli.RunWithInputAsync(database, "long enough pw\n",
            "add", "user", "--username", "ann", "--email", "ann@example.org", "--account", "1", "--password-stdin");

        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        var source = await db.DataSources.SingleAsync();
        var audit = await db.AuditLogs.Where(l => l.AffectedUserId == user.Id).SingleAsync();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("ann", "user", user.Id, 1), (source.Name, source.Type, source.UserId, source.AccountId));
        Assert.Contains("User ann", audit.Event, StringComparison.Ordinal);
        Assert.True(new PasswordHasher(Options.Create(new SecurityOptions())).Verify("long enough pw", user.Password));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "--email", "taken@example.org", "--email: a user with email taken@example.org already exists.")]
    [InlineData(DatabaseProvider.Postgres, "--email", "taken@example.org", "--email: a user with email taken@example.org already exists.")]
    [InlineData(DatabaseProvider.Sqlite, "--username", "taken", "--username: a user named 'taken' already exists.")]
    [InlineData(DatabaseProvider.Postgres, "--account", "99", "--account: no account with id 99.")]
    [InlineData(DatabaseProvider.Sqlite, "--email", "not-an-email", "--email: 'not-an-email' is not a valid email address.")]
    [InlineData(DatabaseProvider.Sqlite, "--timezone", "Europe/Amsterdm", "--timezone: 'Europe/Amsterdm' is not an IANA time zone name; did you mean Europe/Amsterdam")]
    [InlineData(DatabaseProvider.Postgres, "--roles", "superuser", "--roles: unknown role 'superuser'; known: admin, admin-reader, account-admin, consultant, task-runner.")]
    public async Task AddUser_RefusesBadInput_AndWritesNothing(DatabaseProvider provider, string option, string value, string message)
    {
        await using var database = await AccountDatabaseAsync(provider);
        await Cli.RunWithInputAsync(database, "long enough pw\n",
            "add", "user", "--username", "taken", "--email", "taken@example.org", "--account", "1", "--password-stdin");
        var before = await UserRowsAsync(database);
        string[] args = ["add", "user", "--username", "new", "--email", "new@example.org", "--account", "1", "--password-stdin"];
        var index = Array.IndexOf(args, option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args = [.. args, option, value];
        }

        var result = await Cli.RunWithInputAsync(database, "long enough pw\n", args);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await UserRowsAsync(database));
    }

    [Theory]
    [InlineData("short\n", "password: must be at least 8 characters")]
    [InlineData("first password\nsecond password\n", "The passwords do not match; nothing was changed.")]
    public async Task AddUser_AsksForThePasswordTwice_AndRefusesBadOnes(string typed, string message)
    {
        await using var database = await AccountDatabaseAsync(DatabaseProvider.Sqlite);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(database.Configuration, output, error, new StringReader(typed), IsInteractive: true);

        var exitCode = await CliApp.RunAsync(["add", "user", "--username", "bob", "--email", "bob@example.org", "--account", "1"], context);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password: ", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(await UserRowsAsync(database));
    }

    [Theory]
    [InlineData(new[] { "--latitude", "95", "--longitude", "4" }, "--latitude: must be within ±90 degrees, got 95.")]
    [InlineData(new[] { "--latitude", "52", "--longitude", "-181" }, "--longitude: must be within ±180 degrees, got -181.")]
    [InlineData(new[] { "--asset-type", "99" }, "--asset-type: no asset type with id 99.")]
    [InlineData(new[] { "--parent-asset", "99" }, "--parent-asset: no asset with id 99.")]
    [InlineData(new[] { "--name", "first" }, "--name: account 1 already has an asset named 'first'.")]
    [InlineData(new[] { "--attributes", "[1, 2]" }, "--attributes: must be a JSON object")]
    [InlineData(new[] { "--attributes", "{oops" }, "--attributes: is not valid JSON")]
    [InlineData(new[] { "--account", "someone" }, "--account: give an account id or 'public', not 'someone'.")]
    public async Task AddAsset_RefusesBadInput_AndWritesNothing(string[] overrides, string message)
    {
        await using var database = await AccountDatabaseAsync(DatabaseProvider.Sqlite);
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "first", "--asset-type", "1", "--account", "1");

        var result = await Cli.RunAsync(database, WithOverrides(["add", "asset", "--name", "second", "--asset-type", "1", "--account", "1"], overrides));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.GenericAssets.CountAsync());
    }

    [Theory]
    [InlineData(new[] { "--unit", "kilowatts" }, "--unit:")]
    [InlineData(new[] { "--timezone", "Mars/Olympus" }, "--timezone: 'Mars/Olympus' is not an IANA time zone name")]
    [InlineData(new[] { "--event-resolution", "15 minutes" }, "--event-resolution: '15 minutes' is not an ISO 8601 duration")]
    [InlineData(new[] { "--name", "power" }, "--name: asset 1 already has a sensor named 'power'.")]
    [InlineData(new[] { "--asset", "7" }, "--asset: no asset with id 7.")]
    [InlineData(new[] { "--knowledge-horizon", "whenever" }, "--knowledge-horizon:")]
    public async Task AddSensor_RefusesBadInput_AndWritesNothing(string[] overrides, string message)
    {
        await using var database = await AccountDatabaseAsync(DatabaseProvider.Postgres);
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "first", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "kW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");

        var result = await Cli.RunAsync(database, WithOverrides(
            ["add", "sensor", "--name", "energy", "--unit", "kWh", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1"], overrides));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Sensors.CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task AddAccount_RefusesADuplicateName(DatabaseProvider provider)
    {
        await using var database = await AccountDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, "add", "account", "--name", "Acme");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: --name: an account named 'Acme' already exists.", result.Error.Trim());
    }

    private static string[] WithOverrides(string[] args, string[] overrides)
    {
        var result = args.ToList();
        for (var i = 0; i < overrides.Length; i += 2)
        {
            var index = result.IndexOf(overrides[i]);
            if (index >= 0)
            {
                result[index + 1] = overrides[i + 1];
            }
            else
            {
                result.AddRange([overrides[i], overrides[i + 1]]);
            }
        }

        return [.. result];
    }

    internal static async Task<TestDatabase> AccountDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await Ok(database, "add", "account", "--name", "Acme");
        return database;
    }

    internal static async Task<string> Ok(TestDatabase database, params string[] args)
    {
        var result = await Cli.RunAsync(database, args);
        Assert.True(result.ExitCode == 0, $"flexmeasures {string.Join(' ', args)} failed: {result.Error}");
        return result.Output;
    }

    private static async Task<List<string>> UserRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Users.OrderBy(u => u.Id).Select(u => u.Email + "|" + u.Username + "|" + u.Password).ToListAsync();
    }

    private static async Task<(int, int, int, int)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.Roles.CountAsync(), await db.AccountRoles.CountAsync(), await db.GenericAssetTypes.CountAsync(), await db.DataSources.CountAsync());
    }
}

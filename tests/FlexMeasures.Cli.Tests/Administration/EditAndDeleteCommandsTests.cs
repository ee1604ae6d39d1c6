using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Security;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Administration;

public sealed class EditAndDeleteCommandsTests
{
    [Theory]
    [BothProviders]
    public async Task EditAttribute_SetsTypedValues_OnSensorsAssetsAndAccounts(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);

        await Ok(database, "edit", "attribute", "--sensor", "1", "--attribute", "capacity_in_mw", "--float", "0.5");
        await Ok(database, "edit", "attribute", "--sensor", "1", "--attribute", "priority", "--int", "3");
        await Ok(database, "edit", "attribute", "--asset", "1", "--attribute", "sensors", "--list", "[1, 2]");
        await Ok(database, "edit", "attribute", "--account", "1", "--attribute", "flags", "--dict", """{"vip": true}""");
        await Ok(database, "edit", "attribute", "--account", "1", "--attribute", "note", "--null");

        await using var db = database.CreateContext();
        AssertJson("""{"capacity_in_mw":0.5,"priority":3}""", await db.Sensors.Select(s => s.Attributes).SingleAsync());
        AssertJson("""{"sensors":[1,2]}""", await db.GenericAssets.Select(a => a.Attributes).SingleAsync());
        AssertJson("""{"flags":{"vip":true},"note":null}""", await db.Accounts.Select(a => a.Attributes).SingleAsync());
    }

    [Theory]
    [InlineData(new[] { "--sensor", "1", "--attribute", "x", "--int", "3.5" }, "--int: '3.5' is not a whole number.")]
    [InlineData(new[] { "--sensor", "1", "--attribute", "x", "--bool", "yes" }, "--bool: 'yes' is not true or false.")]
    [InlineData(new[] { "--sensor", "1", "--asset", "1", "--attribute", "x", "--int", "3" }, "Give exactly one of --sensor, --asset or --account.")]
    [InlineData(new[] { "--sensor", "1", "--attribute", "x", "--int", "3", "--str", "a" }, "Give exactly one value")]
    [InlineData(new[] { "--sensor", "9", "--attribute", "x", "--int", "3" }, "--sensor: no sensor with id 9.")]
    [InlineData(new[] { "--asset", "1", "--attribute", "x", "--list", "{}" }, "--list: '{}' is not a JSON list.")]
    public async Task EditAttribute_RefusesBadInput_AndChangesNothing(string[] args, string message)
    {
        await using var database = await StructureAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, ["edit", "attribute", .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal("{}", await db.Sensors.Select(s => s.Attributes).SingleAsync());
    }

    [Theory]
    [BothProviders]
    public async Task EditPassword_ReplacesThePassword_AndRevokesTokens(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        var before = await UserAsync(database);

        var result = await Cli.RunWithInputAsync(database, "brand new password\n", "edit", "password", "--email", "ann@example.org", "--password-stdin");

        var after = await UserAsync(database);
        var hasher = new PasswordHasher(Options.Create(new SecurityOptions()));
        Assert.Equal(0, result.ExitCode);
        Assert.True(hasher.Verify("brand new password", after.Password));
        Assert.False(hasher.Verify("long enough pw", after.Password));
        Assert.NotEqual(before.FsUniquifier, after.FsUniquifier);
    }

    [Theory]
    [BothProviders]
    public async Task RestoredFlexMeasuresUser_LogsIn_OnlyWithTheSameSalt(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        await using (var db = database.CreateContext())
        {
            // As a FlexMeasures dump would hold it: Flask-Security's bcrypt of the salted HMAC (see PasswordHasherTests).
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Password, "$2b$04$4SFIGKIXOcFEwtokw6K5T.ixJsSdNge5z6H/2jBAVwoJxr3ufb/62"));
        }

        Assert.NotNull(await LoginAsync(database, "fm-test-salt"));
        Assert.Null(await LoginAsync(database, "another-salt"));
    }

    [Theory]
    [BothProviders]
    public async Task DeleteAccount_AsksFirst_ThenRemovesUsersAssetsSensorsAndBeliefs(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        await AddBeliefsAsync(database);

        var declined = await Cli.RunWithInputAsync(database, "n\n", "delete", "account", "--id", "1");
        var kept = await CountsAsync(database);
        var deleted = await Cli.RunAsync(database, "delete", "account", "--id", "1", "--force");

        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("Delete account 'Acme' with 1 users, 1 assets, 1 sensors and 3 beliefs? [y/N]", declined.Output, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1, 3), kept);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal((0, 0, 0, 0), await CountsAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task DeleteMeasurementsAndPrognoses_RemoveOnlyTheirHorizons(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        await AddBeliefsAsync(database);

        var prognoses = await Cli.RunAsync(database, "delete", "prognoses", "--sensor", "1", "--force");
        var afterPrognoses = await HorizonsAsync(database);
        var measurements = await Cli.RunAsync(database, "delete", "measurements", "--force");

        Assert.Equal("Deleted 1 prognoses of sensor 1.", prognoses.Output.Trim());
        Assert.Equal([TimeSpan.FromHours(-1), TimeSpan.Zero], afterPrognoses);
        Assert.Equal("Deleted 2 measurements of all sensors.", measurements.Output.Trim());
        Assert.Empty(await HorizonsAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task DeleteStructure_EmptiesEverything_AfterSayingWhat(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        await AddBeliefsAsync(database);

        var result = await Cli.RunWithInputAsync(database, "y\n", "delete", "structure");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Delete 3 beliefs, 0 annotations, 1 sensors, 1 assets, 1 asset types, 2 data sources, 1 users", result.Output, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await CountsAsync(database));
    }

    [Theory]
    [InlineData("user", "--email", "nobody@example.org", "--email: no user with email nobody@example.org.")]
    [InlineData("asset", "--id", "42", "--id: no asset with id 42.")]
    [InlineData("sensor", "--id", "42", "--id: no sensor with id 42.")]
    [InlineData("account", "--id", "42", "--id: no account with id 42.")]
    public async Task Delete_NamesTheUnknownObject(string what, string option, string value, string message)
    {
        await using var database = await StructureAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "delete", what, option, value, "--force");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: " + message, result.Error.Trim());
        Assert.Equal((1, 1, 1, 0), await CountsAsync(database));
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}, got {actual}");

    private static async Task<TestDatabase> StructureAsync(DatabaseProvider provider)
    {
        var database = await AccountDatabaseAsync(provider);
        await Cli.RunWithInputAsync(database, "long enough pw\n", "add", "user", "--username", "ann", "--email", "ann@example.org", "--account", "1", "--password-stdin");
        await Ok(database, "add", "asset-type", "--name", "battery");
        await Ok(database, "add", "asset", "--name", "first", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "kW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        await Ok(database, "add", "source", "--name", "meter");
        return database;
    }

    private static async Task AddBeliefsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var source = await db.DataSources.SingleAsync(s => s.Name == "meter");
        var start = new DateTime(2021, 5, 2, 0, 0, 0, DateTimeKind.Utc);
        db.TimedBeliefs.AddRange(
            new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.Zero, EventValue = 1, SensorId = 1, SourceId = source.Id },
            new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.FromHours(-1), EventValue = 2, SensorId = 1, SourceId = source.Id },
            new TimedBelief { EventStart = start, BeliefHorizon = TimeSpan.FromHours(6), EventValue = 3, SensorId = 1, SourceId = source.Id });
        await db.SaveChangesAsync();
    }

    private static async Task<List<TimeSpan>> HorizonsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.TimedBeliefs.OrderBy(b => b.BeliefHorizon).Select(b => b.BeliefHorizon).ToListAsync();
    }

    private static async Task<User> UserAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync();
    }

    private static async Task<User?> LoginAsync(TestDatabase database, string salt)
    {
        var configuration = Data.Configuration.FlexMeasuresConfiguration.Build(new Dictionary<string, string?>(database.Environment) { ["SECURITY_PASSWORD_SALT"] = salt });
        await using var services = new ServiceCollection().AddLogging().AddFlexMeasuresData(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserService>().FindByCredentialsAsync("ann@example.org", "correct horse battery", CancellationToken.None);
    }

    private static async Task<(int, int, int, int)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.Users.CountAsync(), await db.GenericAssets.CountAsync(), await db.Sensors.CountAsync(), await db.TimedBeliefs.CountAsync());
    }
}

using System.Net;
using System.Net.Sockets;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>Settings are checked when any command starts: one line naming the variable, exit 1, no stack trace.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("SECURITY_TOKEN_MAX_AGE", "abc", "Error: Configuration SECURITY_TOKEN_MAX_AGE: 'abc' is not a whole number.")]
    [InlineData("SECURITY_TOKEN_MAX_AGE", "0", "Error: Configuration SECURITY_TOKEN_MAX_AGE: '0' must be a number of seconds, at least 1.")]
    [InlineData("FLEXMEASURES_MAX_SENSOR_DATA_INGESTION_BYTES", "-1", "Error: Configuration FLEXMEASURES_MAX_SENSOR_DATA_INGESTION_BYTES: '-1' must be a number of bytes, at least 1.")]
    [InlineData("FLEXMEASURES_ALLOW_DATA_OVERWRITE", "perhaps", "Error: Configuration FLEXMEASURES_ALLOW_DATA_OVERWRITE: 'perhaps' is not true or false.")]
    [InlineData("FLEXMEASURES_TIMEZONE", "Mars/Olympus", "Error: Configuration FLEXMEASURES_TIMEZONE: 'Mars/Olympus' is not an IANA time zone name; did you mean")]
    [InlineData("FLEXMEASURES_REDIS_PORT", "70000", "Error: Configuration FLEXMEASURES_REDIS_PORT: '70000' is not a port (1 to 65535).")]
    [InlineData("FLEXMEASURES_DATABASE_URL", "mysql://x/y", "Error: Configuration FLEXMEASURES_DATABASE_URL: unsupported scheme 'mysql'")]
    [InlineData("Jobs__WorkerCount", "0", "Error: Configuration Jobs__WorkerCount: '0' must be a whole number from 1 to 1000.")]
    [InlineData("Jobs__StopTimeout", "soon", "Error: Configuration Jobs__StopTimeout: 'soon' is not a duration like 00:00:30 (hh:mm:ss).")]
    [InlineData("Jobs__ServerTimeout", "-00:01:00", "Error: Configuration Jobs__ServerTimeout: '-00:01:00' must be a positive duration")]
    [InlineData("Forecasting__Model", "crystal-ball", "Error: Configuration Forecasting__Model: 'crystal-ball' is not a model; choose one of ")]
    [InlineData("Forecasting__Quantiles", "0.1 1.5", "Error: Configuration Forecasting__Quantiles: '0.1 1.5' is not a list of levels strictly between 0 and 1 (A quantile must lie strictly between 0 and 1; got 1.5.")]
    [InlineData("Forecasting__Quantiles", "0.1 half", "Error: Configuration Forecasting__Quantiles: '0.1 half' is not a list of levels strictly between 0 and 1 (")]
    [InlineData("Forecasting__Country", "XX", "Error: Configuration Forecasting__Country: 'XX' has no public-holiday calendar; known: ")]
    public async Task AnyCommand_StopsWithOneLineNamingTheVariable_WhenASettingIsBad(string variable, string value, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-never-created-{Guid.NewGuid():N}.db")}",
            ["FLEXMEASURES_REDIS_URL"] = variable.StartsWith("FLEXMEASURES_REDIS", StringComparison.Ordinal) ? "127.0.0.1" : null,
        };
        environment[variable] = value;

        var result = await Cli.RunAsync(environment, "", "show", "accounts");

        Assert.Equal(CliContext.UserError, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Run_SaysInOneLineThatThePortIsTaken_WhenAnotherProgramListensOnIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var result = await Cli.RunAsync(database, "run", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(CliContext.UserError, result.ExitCode);
        Assert.Equal(
            $"Error: --urls: Failed to bind to address http://127.0.0.1:{port}: address already in use. Stop the program using it or choose another address with --urls.",
            result.Error.Trim());
    }

    [Theory]
    [InlineData("localhost:5000")]
    [InlineData("http://localhost:99999")]
    public async Task Run_RefusesTheAddress_WhenItIsNotOneToListenOn(string url)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, "run", "--urls", url);

        Assert.Equal(CliContext.UserError, result.ExitCode);
        Assert.Equal($"Error: --urls: '{url}' is not an address to listen on; use http://host:port, e.g. http://localhost:5000.", result.Error.Trim());
    }

    [Fact]
    public async Task AnyCommand_SaysOnceWhichDatabaseItUses_WhenNoneIsConfigured()
    {
        // jobs stats touches no database, so the default file is not created in the test's working directory.
        var result = await Cli.RunAsync([], "", "jobs", "stats");

        var notice = $"Using the embedded SQLite database {Path.GetFullPath("flexmeasures.db")} (set FLEXMEASURES_DATABASE_URL to change).";
        Assert.Single(result.Error.Split('\n'), line => line.Trim() == notice);
    }

    [Theory]
    [BothProviders]
    public async Task AnyCommand_SaysNothingAboutTheDatabase_WhenOneIsConfigured(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync(database, "show", "accounts");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }
}

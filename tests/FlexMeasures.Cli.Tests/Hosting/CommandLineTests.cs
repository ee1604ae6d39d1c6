namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>Mistyped options and the seed's old command names get one line that says what to type instead.</summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string?> NoDatabase = new()
    {
        ["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-unused-{Guid.NewGuid():N}.db")}",
    };

    [Theory]
    [InlineData("Error: unknown option --sensor-id; did you mean --sensor?", "add", "beliefs", "--sensor-id", "1", "--sensor", "1", "--source", "meter", "data.csv")]
    [InlineData("Error: unknown option --sensor-id; did you mean --sensor?", "show", "beliefs", "--sensor-id", "1", "--start", "2024-01-01T00:00Z", "--duration", "PT1H")]
    [InlineData("Error: --sensor needs a value before --start.", "show", "beliefs", "--sensor", "--start", "2024-01-01T00:00Z", "--duration", "PT1H")]
    [InlineData("Error: unknown option --frobnicate (see `flexmeasures show beliefs --help`).", "show", "beliefs", "--frobnicate", "3")]
    public async Task AnyCommand_NamesTheMistypedOption_InOneLine(string expected, params string[] args)
    {
        var result = await Cli.RunAsync(NoDatabase, "", args);

        Assert.Equal(CliContext.UserError, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("new-user", "flexmeasures add user --username")]
    [InlineData("db-populate --structure", "flexmeasures add initial-structure")]
    [InlineData("db-depopulate --data", "flexmeasures delete measurements")]
    [InlineData("db-reset", "flexmeasures db reset")]
    [InlineData("run-forecasting-worker --name w1", "flexmeasures jobs run-worker --queue forecasting")]
    public async Task OldCommandNames_PointToTheirReplacement(string command, string replacement)
    {
        var result = await Cli.RunAsync(NoDatabase, "", command.Split(' '));

        Assert.Equal(CliContext.UserError, result.ExitCode);
        Assert.StartsWith($"Error: `{command.Split(' ')[0]}` is the seed's (flask) command; here, use ", result.Error, StringComparison.Ordinal);
        Assert.Contains(replacement, result.Error, StringComparison.Ordinal);
    }
}

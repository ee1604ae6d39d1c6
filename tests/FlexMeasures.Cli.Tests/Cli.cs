using FlexMeasures.Data.Configuration;
using FlexMeasures.Testing;

namespace FlexMeasures.Cli.Tests;

/// <summary>What one <c>flexmeasures</c> invocation printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Invokes the root command in-process with captured streams, as a person at a terminal would.</summary>
internal static class Cli
{
    public static Task<CliResult> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database.Environment, "", args);

    /// <summary>The database's settings plus the test Redis under a key prefix of its own: a queue no other test sees.</summary>
    public static async Task<Dictionary<string, string?>> WithRedisAsync(TestDatabase database)
    {
        var environment = new Dictionary<string, string?>(database.Environment);
        foreach (var (key, value) in await TestServices.RedisEnvironmentAsync())
        {
            environment[key] = value;
        }

        return environment;
    }

    public static Task<CliResult> RunWithInputAsync(TestDatabase database, string input, params string[] args) =>
        RunAsync(database.Environment, input, args);

    public static async Task<CliResult> RunAsync(Dictionary<string, string?> environment, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var context = new CliContext(FlexMeasuresConfiguration.Build(environment), output, error, reader, IsInteractive: false);
        var exitCode = await CliApp.RunAsync(args, context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

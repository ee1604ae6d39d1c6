using FlexMeasures.Data.Backups;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlexMeasures.Cli;

/// <summary>What a command runs with: configuration, the terminal's streams, and a way to get services.</summary>
/// <param name="Configuration">Settings (environment variables, or a test's own).</param>
/// <param name="Out">Where results go.</param>
/// <param name="Error">Where errors and warnings go.</param>
/// <param name="In">Where answers to prompts come from.</param>
/// <param name="IsInteractive">Whether a person is at the keyboard.</param>
internal sealed record CliContext(IConfiguration Configuration, TextWriter Out, TextWriter Error, TextReader In, bool IsInteractive)
{
    /// <summary>Exit code for bad input or a failed check.</summary>
    public const int UserError = 1;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Runs a command's work with a fresh service provider and turns the expected failures into a message
    /// on the error stream and exit code 1.
    /// </summary>
    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            var services = new ServiceCollection()
                .AddLogging(logging => logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning))
                .AddFlexMeasuresData(Configuration);
            await using var provider = services.BuildServiceProvider();
            return await work(provider, cancellationToken);
        }
        catch (Exception e) when (e is CliUserException or ConfigurationException or SchemaException or BackupException or ExternalProgramMissingException)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return UserError;
        }
        catch (Exception e) when (e is NpgsqlException { InnerException: not PostgresException } or System.Net.Sockets.SocketException)
        {
            await Error.WriteLineAsync($"Error: cannot reach the database: {e.Message}");
            return UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync("Cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync($"Unexpected error (a defect; please report it with this text): {e}");
            return InternalError;
        }
    }

    /// <summary>Asks a yes/no question unless <paramref name="assumeYes"/>; anything but y/yes is no.</summary>
    public async Task<bool> ConfirmAsync(string question, bool assumeYes)
    {
        if (assumeYes)
        {
            return true;
        }

        await Out.WriteAsync($"{question} [y/N] ");
        await Out.FlushAsync();
        var answer = (await In.ReadLineAsync())?.Trim();
        if (!IsInteractive)
        {
            await Out.WriteLineAsync();
        }

        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}

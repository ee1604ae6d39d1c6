using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Backups;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Schema;
using FlexMeasures.Jobs.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using Spectre.Console;
using System.CommandLine;

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
                .AddFlexMeasuresData(Configuration)
                .AddFlexMeasuresJobs(Configuration)
                .AddFlexMeasuresApiOptions(Configuration);
            await using var provider = services.BuildServiceProvider();
            if (string.IsNullOrWhiteSpace(Configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Url)}"]))
            {
                // A file appearing in the working directory should never be a surprise.
                await Error.WriteLineAsync(
                    $"Using the embedded SQLite database {Path.GetFullPath(DatabaseConnection.DefaultSqliteFile)} (set FLEXMEASURES_DATABASE_URL to change).");
            }

            return await work(provider, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            await Error.WriteLineAsync($"Error: {OptionName(e.Field)}: {e.Message}.");
            return UserError;
        }
        catch (FlexConfigException e)
        {
            foreach (var line in e.Errors.Lines)
            {
                await Error.WriteLineAsync($"Error: {line}");
            }

            return UserError;
        }
        catch (Exception e) when (e is BeliefImportException or ReplacementRefusedException)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return UserError;
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
        catch (StackExchange.Redis.RedisException e)
        {
            await Error.WriteLineAsync($"Error: cannot reach the job queue: {e.Message}");
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

    /// <summary>
    /// Like <see cref="RunAsync"/>, for commands that use the data: within a DI scope, after making sure the
    /// database is at the latest revision (the embedded database is created and migrated on first use).
    /// </summary>
    public Task<int> RunWithDatabaseAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken) =>
        RunAsync(
            async (services, token) =>
            {
                await services.GetRequiredService<SchemaMigrator>().EnsureReadyAsync(token);
                await using var scope = services.CreateAsyncScope();
                return await work(scope.ServiceProvider, token);
            },
            cancellationToken);

    /// <summary>The zone tables and exports show instants in (<c>FLEXMEASURES_TIMEZONE</c>; validated when a command starts).</summary>
    public DisplayZone Display => _display ??= new DisplayZone(OptionsBinding.Bind<DisplayOptions>(Configuration, DisplayOptions.SectionName).Zone);

    private DisplayZone? _display;

    /// <summary>A console for tables and progress bars that writes to <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = IsInteractive ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>Reads a secret: from the keyboard without echo on a terminal, else one line of standard input.</summary>
    public async Task<string?> ReadSecretAsync(string prompt)
    {
        if (IsInteractive && ReferenceEquals(In, System.Console.In) && !System.Console.IsInputRedirected)
        {
            await Out.WriteAsync(prompt);
            await Out.FlushAsync();
            var secret = new System.Text.StringBuilder();
            while (System.Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    secret.Length = Math.Max(0, secret.Length - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    secret.Append(key.KeyChar);
                }
            }

            await Out.WriteLineAsync();
            return secret.ToString();
        }

        if (IsInteractive)
        {
            await Out.WriteAsync(prompt);
        }

        return await In.ReadLineAsync();
    }

    /// <summary>The command-line option a data-layer field name stands for.</summary>
    public static string OptionName(string field) => field switch
    {
        "password" => "password",
        _ => "--" + field.Replace('_', '-'),
    };

    /// <summary>The option every destructive command takes to skip its question: <c>--yes</c>, or <c>--force</c> alike.</summary>
    public static Option<bool> YesOption() => new("--yes", "--force", "-y") { Description = "Do not ask for confirmation (--force is the same)." };

    /// <summary>
    /// Asks a yes/no question unless <paramref name="assumeYes"/>; anything but y/yes is no, and so is no answer
    /// at all (a script without --yes), which says how to confirm.
    /// </summary>
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

        if (answer is null)
        {
            await Error.WriteLineAsync("No answer on standard input: pass --yes to confirm without a question.");
            return false;
        }

        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}

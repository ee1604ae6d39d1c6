using System.ComponentModel;
using System.Diagnostics;

namespace FlexMeasures.Data.Schema;

/// <summary>Runs a command-line tool (pg_dump, pg_restore, dot) and reports a missing one clearly.</summary>
internal static class ExternalProgram
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <exception cref="ExternalProgramMissingException">The program is not installed.</exception>
    public static async Task<Result> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string? standardInput,
        string debianPackage,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ExternalProgramMissingException(program, debianPackage);
        }
        catch (Win32Exception)
        {
            throw new ExternalProgramMissingException(program, debianPackage);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(cancellationToken);
            return new Result(process.ExitCode, await output, await error);
        }
    }
}

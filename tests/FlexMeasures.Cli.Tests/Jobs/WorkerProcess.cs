using System.Diagnostics;
using System.Text;

namespace FlexMeasures.Cli.Tests.Jobs;

/// <summary>A <c>flexmeasures jobs run-worker</c> process started from the built CLI, with its output captured.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> environment, string queue = "forecasting") =>
        StartCommand(["jobs", "run-worker", "--queue", queue, "--name", name], environment);

    /// <summary>Any <c>flexmeasures</c> command as a process of its own (e.g. <c>run</c>, the web host).</summary>
    public static WorkerProcess StartCommand(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>SIGKILL: the process dies at once, mid-job, without any chance to hand its jobs back.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM (what a service manager sends), then waits for the process to end on its own.</summary>
    public async Task<int> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(wait);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>The CLI built beside this test project, same configuration (scripts/test.sh builds the solution first).</summary>
    internal static string CliDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlexMeasures.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? ".", "src", "FlexMeasures.Cli", "bin", configuration, "net10.0", "flexmeasures.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the CLI first: {dll} is missing.", dll);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

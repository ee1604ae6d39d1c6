using System.Diagnostics;
using System.Text;
using FlexMeasures.Cli.Tests.Jobs;
using Xunit.Abstractions;

namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>
/// scripts/cluster-demo.sh --short: a PostgreSQL primary and streaming replica, Redis, two web hosts and two workers
/// of the built CLI, with kill -9 of a host and a worker mid-run (docs/deployment.md). The script makes its checks
/// itself; this test runs it in CI and fails with its output when any check fails.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ClusterDemoTests(ITestOutputHelper output)
{
    // Under a minute and a half on a quiet machine; over three on one loaded by parallel builds.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task ClusterDemo_PassesEveryCheck_InShortMode()
    {
        var cliDll = WorkerProcess.CliDll();
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(cliDll)!, "..", "..", "..", "..", ".."));
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "cluster-demo.sh"));
        start.ArgumentList.Add("--short");
        start.Environment["FLEXMEASURES_CLI_DLL"] = cliDll;
        var log = new StringBuilder();
        using var demo = new Process { StartInfo = start };
        demo.OutputDataReceived += (_, e) => Append(log, e.Data);
        demo.ErrorDataReceived += (_, e) => Append(log, e.Data);
        demo.Start();
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await demo.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM first: the script's exit trap stops the PostgreSQL clusters, which are not its children.
            using (var term = Process.Start("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            if (!demo.WaitForExit(60_000))
            {
                demo.Kill(entireProcessTree: true);
            }
        }

        demo.WaitForExit();
        string text;
        lock (log)
        {
            text = log.ToString();
        }

        output.WriteLine(text);
        Assert.True(demo.ExitCode == 0, $"cluster-demo.sh --short exited {demo.ExitCode}:\n{text}");
        Assert.Contains("checks passed, 0 failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", text, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}

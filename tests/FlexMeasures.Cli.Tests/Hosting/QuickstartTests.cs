using System.Diagnostics;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>The README's first command: the quick start runs, and the curl lines it prints work as printed.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Quickstart_PrintsCurlLinesThatWork_WithForecastsAndABatteryScheduleFromTheJobQueue()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(FlexMeasuresConfiguration.Build(database.Environment), TextWriter.Synchronized(output), TextWriter.Synchronized(error), new StringReader(""), IsInteractive: false);
        using var stop = new CancellationTokenSource();
        var running = CliApp.RunAsync(["quickstart", "--urls", "http://127.0.0.1:0", "--days", "15"], context, stop.Token);
        try
        {
            var lines = await CurlLinesAsync(output, error, running);

            // The forecasts are computed by the job queue in the background: wait for today's hours to be filled.
            JsonNode? read = null;
            for (var attempt = 0; attempt < 120; attempt++)
            {
                read = JsonNode.Parse(await BashAsync($"{lines[0]}\n{lines[1]}"));
                if (read!["values"]!.AsArray().Skip(24).All(v => v is not null))
                {
                    break;
                }

                await Task.Delay(500);
            }

            var posted = JsonNode.Parse(await BashAsync($"{lines[0]}\n{lines[2]}"));
            var dashboard = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"Job dashboard: (\S+) \(log in as (\S+), same password\)");
            var dashboardStatus = await BashAsync($"curl -s -o /dev/null -w '%{{http_code}}' -u '{dashboard.Groups[2].Value}:toy-password' {dashboard.Groups[1].Value}");

            // The printed trigger and fetch of tomorrow's battery schedule, asked again while the job runs.
            var job = (await BashAsync($"{lines[0]}\n{lines[3]}\necho \"$JOB\"")).Trim();
            JsonNode? schedule = null;
            for (var attempt = 0; attempt < 240; attempt++)
            {
                schedule = JsonNode.Parse(await BashAsync($"{lines[0]}\nJOB={job}\n{lines[4]}"));
                if (schedule!["values"] is not null)
                {
                    break;
                }

                Assert.Matches("Scheduling job (waiting|in progress)", schedule["message"]!.GetValue<string>());
                await Task.Delay(500);
            }

            var values = read!["values"]!.AsArray();
            Assert.Equal(48, values.Count);
            Assert.All(values, v => Assert.NotNull(v));
            Assert.Equal("PROCESSED", read["status"]!.GetValue<string>());
            Assert.Equal("PROCESSED", posted!["status"]!.GetValue<string>());
            Assert.True(dashboard.Success, output.ToString());
            Assert.Equal("200", dashboardStatus.Trim());
            var power = schedule!["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
            Assert.Equal(96, power.Count);
            Assert.Equal("kW", schedule["unit"]!.GetValue<string>());
            Assert.All(power, p => Assert.InRange(p, -100 - 1e-6, 100 + 1e-6));
            Assert.Contains(power, p => Math.Abs(p) > 1);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static async Task<string[]> CurlLinesAsync(StringWriter output, StringWriter error, Task<int> running)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var lines = output.ToString().Split('\n').Where(l => l.StartsWith("TOKEN=", StringComparison.Ordinal) || l.StartsWith("JOB=", StringComparison.Ordinal) || l.StartsWith("curl ", StringComparison.Ordinal)).ToArray();
            if (lines.Length == 5)
            {
                return lines;
            }

            Assert.False(running.IsCompleted, $"quickstart stopped: {output}{error}");
            await Task.Delay(500);
        }

        throw new TimeoutException($"quickstart printed no curl lines: {output}{error}");
    }

    private static async Task<string> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("set -euo pipefail\n" + script + "\n");
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"bash failed ({process.ExitCode}): {stderr}");
        return stdout;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlexMeasures.Testing;

/// <summary>Runs the helper programs of the private test servers, as another user where needed.</summary>
public static class PrivateProcesses
{
    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, string? asUser = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null && Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", asUser, "--", program, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

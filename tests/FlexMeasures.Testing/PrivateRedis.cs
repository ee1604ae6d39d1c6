using System.Globalization;

namespace FlexMeasures.Testing;

/// <summary>A redis-server of one test's own on a loopback port of its own, that the test may shut down (an outage).</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _folder;
    private bool _running;

    private PrivateRedis(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value for <c>FLEXMEASURES_REDIS_URL</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(Directory.CreateTempSubdirectory("fm-private-redis-").FullName, PrivateProcesses.FreePort());
        var port = redis.Port.ToString(CultureInfo.InvariantCulture);
        await PrivateProcesses.RunAsync(
            "redis-server",
            ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redis._folder, "--daemonize", "yes", "--pidfile", Path.Combine(redis._folder, "redis.pid")]);
        redis._running = true;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await PrivateProcesses.RunAsync("redis-cli", ["-p", port, "ping"]);
                return redis;
            }
            catch (InvalidOperationException) when (attempt < 49)
            {
                await Task.Delay(100);
            }
        }

        return redis;
    }

    /// <summary>Stops the server without saving: from now on the port refuses connections.</summary>
    public async Task StopServerAsync()
    {
        if (_running)
        {
            _running = false;
            try
            {
                await PrivateProcesses.RunAsync("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture), "shutdown", "nosave"]);
            }
            catch (InvalidOperationException)
            {
                // redis-cli may report the connection the shutdown closed; whether the port is free is what counts.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// A worker: Hangfire's background job server working the given queues, each job in a DI scope of its own.
/// Stopping (Ctrl-C, SIGTERM) lets running jobs go on for <see cref="JobsOptions.StopTimeout"/>; a job still
/// running then is cancelled and handed back to its queue.
/// </summary>
public sealed class JobServer(
    JobStorageHolder holder,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers,
    TimeProvider time,
    JobServerSettings settings) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    /// <summary>The name the worker announces (also in <c>jobs stats</c> and the dashboard).</summary>
    public string Name => settings.Name;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = holder.Options;
        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = settings.Name,
            Queues = [.. settings.Queues],
            WorkerCount = options.WorkerCount ?? Math.Max(2, Environment.ProcessorCount),
            StopTimeout = options.StopTimeout,
            ShutdownTimeout = options.StopTimeout + TimeSpan.FromSeconds(10),
            HeartbeatInterval = options.HeartbeatInterval,
            ServerTimeout = options.ServerTimeout,
            ServerCheckInterval = options.RequeueCheckInterval,
            SchedulePollingInterval = TimeSpan.FromSeconds(5),
            Activator = new AspNetCoreJobActivator(scopes),
        };
        GlobalConfiguration.Configuration.UseLogProvider(new HostLogProvider(loggers));
        var storage = holder.Storage;
        IEnumerable<IBackgroundProcess> extra = holder.RedisDatabase is { } redis
            ? [new DeadWorkerRequeuer(redis, holder.Redis!.Prefix, options, time, loggers.CreateLogger<DeadWorkerRequeuer>())]
            : [];
        _server = new BackgroundJobServer(serverOptions, storage, extra);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();
}

/// <summary>Which queues a worker works, under which name.</summary>
public sealed record JobServerSettings(string Name, IReadOnlyList<string> Queues)
{
    /// <summary>Unique per machine and process: host name, process id and a random part.</summary>
    public static string DefaultName() =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}

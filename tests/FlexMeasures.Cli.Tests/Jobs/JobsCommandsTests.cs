using System.Collections.Concurrent;
using System.Text.Json;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Cli.Tests.Jobs;

public sealed class JobsCommandsTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ClearQueue_RemovesTheJobs_SoStatsAndListAgree_OnRedis()
    {
        var environment = await RedisEnvironmentAsync();
        await using var services = Services(environment);
        var queue = services.GetRequiredService<JobQueueClient>();
        for (var i = 0; i < 5; i++)
        {
            queue.EnqueueForecast(new ForecastRun(1, Start.AddDays(i), Start.AddDays(i + 1), TimeSpan.FromHours(1)));
        }

        var cleared = await Cli.RunAsync(environment, "", "jobs", "clear-queue", "--queue", "forecasting");
        var stats = await Cli.RunAsync(environment, "", "jobs", "stats");
        var list = await Cli.RunAsync(environment, "", "jobs", "list", "--state", "queued", "--json");

        Assert.Contains("Deleted 5 queued jobs of queue forecasting.", cleared.Output, StringComparison.Ordinal);
        Assert.Contains(": 0 queued, 0 running", stats.Output, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task ClearQueue_RemovesTheJobs_SoStatsAndListAgree_InProcess()
    {
        await using var services = Services(new Dictionary<string, string?>());
        var queue = services.GetRequiredService<JobQueueClient>();
        for (var i = 0; i < 3; i++)
        {
            queue.EnqueueForecast(new ForecastRun(1, Start.AddDays(i), Start.AddDays(i + 1), TimeSpan.FromHours(1)));
        }

        var deleted = queue.ClearQueue(JobQueues.Forecasting, failed: false);

        Assert.Equal(3, deleted);
        Assert.Equal(0, queue.Statistics().Queued);
        Assert.Empty(queue.List(JobQueues.Forecasting, JobState.Queued));
    }

    [Fact]
    public async Task Show_FindsTheJob_ByTheShortIdTheDashboardShows()
    {
        var environment = await RedisEnvironmentAsync();
        await using var services = Services(environment);
        var id = services.GetRequiredService<JobQueueClient>().EnqueueForecast(new ForecastRun(1, Start, Start.AddDays(1), TimeSpan.FromDays(2)));

        var hashed = await Cli.RunAsync(environment, "", "jobs", "show", "#" + id[..8]);
        var bare = await Cli.RunAsync(environment, "", "jobs", "show", id[..8]);
        var unknown = await Cli.RunAsync(environment, "", "jobs", "show", "zzzzzzzz");

        Assert.Equal((0, 0, 1), (hashed.ExitCode, bare.ExitCode, unknown.ExitCode));
        Assert.StartsWith($"Job {id}: ForecastJob(1, 2024-03-01T00:00Z, 2024-03-02T00:00Z, P2D, auto, null)", hashed.Output, StringComparison.Ordinal);
        Assert.Equal(hashed.Output, bare.Output);
        Assert.Equal("Error: No job with id zzzzzzzz.", unknown.Error.Trim());
    }

    [Fact]
    public async Task List_ShowsJobsWaitingForARetry_AsStatsCountsThem()
    {
        var environment = await RedisEnvironmentAsync();
        await using var services = Services(environment);
        var storage = services.GetRequiredService<JobStorageHolder>().Storage;
        var waiting = new BackgroundJobClient(storage).Create(
            Job.FromExpression<ForecastJob>(job => job.RunAsync(1, Start, Start.AddDays(1), TimeSpan.FromHours(1), "naive", CancellationToken.None)),
            new ScheduledState(TimeSpan.FromMinutes(10)) { Reason = "Retry attempt 1 of 3: cannot reach the database" });

        var all = await Cli.RunAsync(environment, "", "jobs", "list", "--json");
        var scheduled = await Cli.RunAsync(environment, "", "jobs", "list", "--state", "scheduled", "--json");
        var stats = await Cli.RunAsync(environment, "", "jobs", "stats");

        var row = Assert.Single(JsonDocument.Parse(all.Output).RootElement.EnumerateArray());
        Assert.Equal((waiting, "scheduled", "forecasting"), (row.GetProperty("id").GetString(), row.GetProperty("state").GetString(), row.GetProperty("queue").GetString()));
        Assert.Single(JsonDocument.Parse(scheduled.Output).RootElement.EnumerateArray());
        Assert.Contains("1 scheduled for retry", stats.Output, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Worker_FailsAJobAtOnce_AndLogsItsRun_WhenItsInputIsBad(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var logs = new LogLines();
        await using var services = Services(database.Environment, logs)
            .AddFlexMeasuresWorker("test-worker", [JobQueues.Forecasting])
            .BuildServiceProvider();
        var queue = services.GetRequiredService<JobQueueClient>();
        var server = services.GetRequiredService<JobServer>();
        await server.StartAsync(CancellationToken.None);
        var id = queue.EnqueueForecast(new ForecastRun(999, Start, Start.AddDays(1), TimeSpan.FromHours(6)));
        for (var i = 0; i < 300 && queue.Find(id)?.State is not ("failed" or "scheduled"); i++)
        {
            await Task.Delay(100);
        }

        await server.StopAsync(CancellationToken.None);

        var job = queue.Find(id)!;
        Assert.Equal("failed", job.State);
        Assert.DoesNotContain(job.History, h => h.State == ScheduledState.StateName);
        Assert.Equal(0, queue.Statistics().Scheduled);
        Assert.Contains(logs.Lines, l => l == $"Job {id} started: Forecast sensor 999, 2024-03-01T00:00Z to 2024-03-02T00:00Z, horizon PT6H, auto");
        Assert.Contains(logs.Lines, l => l.StartsWith($"Job {id} failed after PT", StringComparison.Ordinal)
            && l.EndsWith("horizon PT6H, auto; InvalidInputException: no sensor with id 999", StringComparison.Ordinal));
    }

    private static ServiceProvider Services(Dictionary<string, string?> environment) =>
        Services(environment, null).BuildServiceProvider();

    private static ServiceCollection Services(Dictionary<string, string?> environment, LogLines? logs)
    {
        var configuration = FlexMeasuresConfiguration.Build(environment);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs ?? new LogLines()))
            .AddFlexMeasuresData(configuration)
            .AddFlexMeasuresJobs(configuration);
        return services;
    }

    private static async Task<Dictionary<string, string?>> RedisEnvironmentAsync()
    {
        var environment = await TestServices.RedisEnvironmentAsync();

        // The jobs commands never open it.
        environment["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-unused-{Guid.NewGuid():N}.db")}";
        return environment;
    }

    /// <summary>Every log message, formatted.</summary>
    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}

using System.Globalization;
using System.Reflection;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Reporting;
using FlexMeasures.Jobs.Scheduling;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Queue;

/// <summary>Puts jobs on the queues and answers questions about them (Hangfire's client and monitoring API).</summary>
public sealed class JobQueueClient(JobStorageHolder holder, IOptions<SchedulingOptions> scheduling)
{
    /// <summary>Most jobs read per state when listing.</summary>
    public const int ListLimit = 10_000;

    /// <summary>Job parameter counting how often a worker started the job.</summary>
    public const string RunCountParameter = "RunCount";

    /// <summary>
    /// How long the list of an asset's or sensor's jobs remembers a job after the latest job was added to it (the jobs
    /// themselves expire on their own terms; an entry whose job is gone is skipped).
    /// </summary>
    public static readonly TimeSpan EntityJobsTtl = TimeSpan.FromDays(7);

    public string Description => holder.Description;

    /// <summary>True when jobs only live inside this process (no Redis configured).</summary>
    public bool IsInProcess => holder.Redis is null;

    private JobStorage Storage => holder.Storage;

    /// <summary>Queues one forecasting job; returns its id.</summary>
    /// <exception cref="StackExchange.Redis.RedisException">Redis cannot be reached.</exception>
    /// <exception cref="TimeoutException">Redis did not answer in time.</exception>
    public string EnqueueForecast(ForecastRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = Enqueue(
            Job.FromExpression<ForecastJob>(job => job.RunAsync(run.SensorId, run.Start, run.End, run.Horizon, run.Model, run.Quantiles == null ? null : run.Quantiles.ToArray(), CancellationToken.None)),
            JobQueues.Forecasting);
        Remember(id, JobQueues.Forecasting, null, run.SensorId);
        return id;
    }

    /// <summary>Queues one reporting job (the request's window must be absolute: a job may run later); returns its id.</summary>
    /// <exception cref="StackExchange.Redis.RedisException">Redis cannot be reached.</exception>
    /// <exception cref="TimeoutException">Redis did not answer in time.</exception>
    public string EnqueueReport(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = request.ToJson();
        return Enqueue(Job.FromExpression<ReportJob>(job => job.RunAsync(json, CancellationToken.None)), JobQueues.Reporting);
    }

    /// <summary>
    /// Queues one scheduling job; or, when an identical trigger (same <paramref name="triggerKey"/>)
    /// queued one less than <see cref="SchedulingOptions.JobCacheTtl"/> ago that has not failed, returns that job
    /// (FlexMeasures' job cache). The key-to-job mapping lives in the queue's own storage, beside the jobs it names
    /// (docs/decisions/0017-scheduling-api-and-jobs.md).
    /// </summary>
    /// <param name="triggerKey"><see cref="ScheduleRun.TriggerKey"/>; null: always a new job.</param>
    /// <param name="forceNew">A new job even for an identical trigger (FlexMeasures' <c>force-new-job-creation</c>).</param>
    /// <exception cref="StackExchange.Redis.RedisException">Redis cannot be reached.</exception>
    /// <exception cref="TimeoutException">Another identical trigger held the key for longer than 30 s.</exception>
    public QueuedJob EnqueueSchedule(ScheduleRun run, string? triggerKey = null, bool forceNew = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var json = run.ToJson();
        var job = Job.FromExpression<ScheduleJob>(job => job.RunAsync(json, CancellationToken.None));
        var ttl = scheduling.Value.JobCacheTtl;
        if (triggerKey is null || ttl <= TimeSpan.Zero)
        {
            var single = Enqueue(job, JobQueues.Scheduling);
            Remember(single, JobQueues.Scheduling, run.AssetId, run.SensorId);
            return new QueuedJob(single, Existing: false);
        }

        var key = $"{JobQueues.Scheduling}:trigger:{triggerKey}";
        using var connection = Storage.GetConnection();

        // Two identical triggers at once (two web hosts, say) must not both miss and queue two jobs.
        using (connection.AcquireDistributedLock($"lock:{key}", TimeSpan.FromSeconds(30)))
        {
            if (!forceNew && connection.GetAllEntriesFromHash(key)?.GetValueOrDefault("job") is { } earlier && Reusable(connection, earlier))
            {
                return new QueuedJob(earlier, Existing: true);
            }

            var id = Enqueue(job, JobQueues.Scheduling);
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(key, [KeyValuePair.Create("job", id)]);
            ((JobStorageTransaction)transaction).ExpireHash(key, ttl);
            Remember(transaction, id, JobQueues.Scheduling, run.AssetId, run.SensorId);
            transaction.Commit();
            return new QueuedJob(id, Existing: false);
        }
    }

    /// <summary>
    /// Adds the job to the job lists of its asset and sensor (FlexMeasures keys its job cache by entity the same
    /// way), in the queue's own storage so every host and worker sees them, on either backend.
    /// </summary>
    private void Remember(string id, string queue, int? assetId, int? sensorId)
    {
        using var connection = Storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        Remember(transaction, id, queue, assetId, sensorId);
        transaction.Commit();
    }

    /// <summary>As <see cref="Remember(string, string, int?, int?)"/>, within a write the caller commits.</summary>
    private static void Remember(IWriteOnlyTransaction transaction, string id, string queue, int? assetId, int? sensorId)
    {
        foreach (var key in new[] { assetId is { } a ? EntityJobsKey("asset", a, queue) : null, sensorId is { } s ? EntityJobsKey("sensor", s, queue) : null }.OfType<string>())
        {
            transaction.AddToSet(key, id);
            ((JobStorageTransaction)transaction).ExpireSet(key, EntityJobsTtl);
        }
    }

    private static string EntityJobsKey(string entity, int id, string queue) =>
        string.Create(CultureInfo.InvariantCulture, $"entity-jobs:{entity}:{id}:{queue}");

    /// <summary>
    /// The jobs of one queue that were queued for an asset (<paramref name="entity"/> <c>asset</c>) or a sensor
    /// (<c>sensor</c>), oldest first; jobs that expired meanwhile are left out.
    /// </summary>
    /// <exception cref="StackExchange.Redis.RedisException">Redis cannot be reached.</exception>
    public IReadOnlyList<JobDescription> ListFor(string entity, int id, string queue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        HashSet<string> ids;
        using (var connection = Storage.GetConnection())
        {
            ids = connection.GetAllItemsFromSet(EntityJobsKey(entity, id, queue));
        }

        return [.. ids.Select(Find).OfType<JobDescription>().OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];
    }

    /// <summary>A job an identical trigger may share: still there and not failed (a failed schedule is tried anew) or deleted.</summary>
    private static bool Reusable(IStorageConnection connection, string id) =>
        connection.GetStateData(id)?.Name is { } state && state != FailedState.StateName && state != DeletedState.StateName;

    /// <summary>The schedule a scheduling job makes, from its argument; null for other or unknown jobs.</summary>
    public ScheduleRun? FindScheduleRun(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Storage.GetMonitoringApi().JobDetails(id)?.Job is { } job && job.Type == typeof(ScheduleJob) && job.Args is [string json, ..]
            ? ScheduleRun.FromJson(json)
            : null;
    }

    private string Enqueue(Job job, string queue)
    {
        var client = new BackgroundJobClient(Storage);
        try
        {
            return client.Create(job, new EnqueuedState(queue));
        }
        // Hangfire wraps storage failures; hand callers the Redis failure itself. A command that times out before the
        // connection is known to be down is a RedisTimeoutException, which is a TimeoutException, not a RedisException.
        catch (BackgroundJobClientException e) when (e.InnerException is StackExchange.Redis.RedisException or TimeoutException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>Jobs in a state (all states when null), of one queue (all when null), newest first within a state.</summary>
    public IReadOnlyList<JobSummary> List(string? queue, JobState? state)
    {
        var monitoring = Storage.GetMonitoringApi();
        var rows = new List<JobSummary>();
        if (state is null or JobState.Queued)
        {
            foreach (var q in monitoring.Queues().Select(q => q.Name).Where(q => queue is null || q == queue))
            {
                // A deleted job can stay on the in-process queue until a worker skips it: it is no longer queued.
                rows.AddRange(monitoring.EnqueuedJobs(q, 0, ListLimit)
                    .Where(j => j.Value.InEnqueuedState)
                    .Select(j => new JobSummary(j.Key, q, "queued", JobText.Describe(j.Value.Job), j.Value.EnqueuedAt, null)));

                // Taken off the queue by a worker that has not yet marked it running: still queued, not gone.
                rows.AddRange(monitoring.FetchedJobs(q, 0, ListLimit)
                    .Where(j => j.Value.State == EnqueuedState.StateName)
                    .Select(j => new JobSummary(j.Key, q, "queued", JobText.Describe(j.Value.Job), j.Value.FetchedAt, "taken by a worker")));
            }
        }

        if (state is null or JobState.Scheduled)
        {
            rows.AddRange(monitoring.ScheduledJobs(0, ListLimit)
                .Select(j => new JobSummary(j.Key, QueueOf(j.Value.Job), "scheduled", JobText.Describe(j.Value.Job), j.Value.EnqueueAt, "waiting to be queued again")));
        }

        if (state is null or JobState.Running)
        {
            rows.AddRange(monitoring.ProcessingJobs(0, ListLimit)
                .Select(j => new JobSummary(j.Key, QueueOf(j.Value.Job), "running", JobText.Describe(j.Value.Job), j.Value.StartedAt, j.Value.ServerId)));
        }

        if (state is null or JobState.Succeeded)
        {
            rows.AddRange(monitoring.SucceededJobs(0, ListLimit)
                .Select(j => new JobSummary(j.Key, QueueOf(j.Value.Job), "succeeded", JobText.Describe(j.Value.Job), j.Value.SucceededAt, Unquote(j.Value.Result?.ToString()))));
        }

        if (state is null or JobState.Failed)
        {
            rows.AddRange(monitoring.FailedJobs(0, ListLimit)
                .Select(j => new JobSummary(j.Key, QueueOf(j.Value.Job), "failed", JobText.Describe(j.Value.Job), j.Value.FailedAt, j.Value.ExceptionMessage)));
        }

        // A job moving on while the states are read shows once, in the later state.
        return [.. rows.Where(r => queue is null || r.Queue == queue).GroupBy(r => r.Id).Select(g => g.Last())];
    }

    /// <summary>
    /// The full id of the job that <paramref name="idOrPrefix"/> names: a whole id, or the start of one as the
    /// dashboard shows it (<c>#3f2a9c1d</c>); null when no job matches.
    /// </summary>
    /// <exception cref="AmbiguousJobIdException">Several jobs start with the prefix.</exception>
    public string? ResolveId(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var text = idOrPrefix.Trim().TrimStart('#');
        if (text.Length == 0)
        {
            return null;
        }

        if (Storage.GetMonitoringApi().JobDetails(text) is not null)
        {
            return text;
        }

        var matches = List(null, null).Select(j => j.Id).Where(id => id.StartsWith(text, StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousJobIdException(text, matches),
        };
    }

    /// <summary>The job with this id, or null.</summary>
    public JobDescription? Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var details = Storage.GetMonitoringApi().JobDetails(id);
        if (details is null)
        {
            return null;
        }

        var history = details.History
            .OrderBy(h => h.CreatedAt)
            .Select(h => new JobStateEntry(h.StateName, h.CreatedAt, h.Reason, new Dictionary<string, string>(h.Data ?? new Dictionary<string, string>())))
            .ToList();
        var latest = history.LastOrDefault();
        using var connection = Storage.GetConnection();
        var runs = int.TryParse(connection.GetJobParameter(id, RunCountParameter)?.Trim('"'), CultureInfo.InvariantCulture, out var n) ? n : 0;
        string? Data(string state, string key) =>
            history.LastOrDefault(h => h.State == state)?.Data.GetValueOrDefault(key);
        var stateName = latest?.State ?? "unknown";
        return new JobDescription(
            id,
            QueueOf(details.Job) is var q && q != "" ? q : history.LastOrDefault(h => h.State == EnqueuedState.StateName)?.Data.GetValueOrDefault("Queue") ?? "",
            Friendly(stateName),
            JobText.Describe(details.Job),
            details.Job?.Args.Where(a => a is not CancellationToken).Select(JobText.Format).ToList() ?? [],
            details.CreatedAt,
            runs,
            stateName == SucceededState.StateName ? Unquote(Data(SucceededState.StateName, "Result")) : null,
            Data(FailedState.StateName, "ExceptionType") is { } type
                ? $"{type}: {Data(FailedState.StateName, "ExceptionMessage")}{Environment.NewLine}{Data(FailedState.StateName, "ExceptionDetails")}"
                : null,
            history);
    }

    /// <summary>The forecast a forecasting job makes, from its arguments; null for other or unknown jobs.</summary>
    public ForecastRun? FindForecastRun(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Storage.GetMonitoringApi().JobDetails(id)?.Job is { } job && job.Type == typeof(ForecastJob)
            && job.Args is [int sensorId, DateTime start, DateTime end, TimeSpan horizon, string model, ..]
            ? new ForecastRun(sensorId, DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc), horizon, model, Quantiles: job.Args.Count > 6 ? job.Args[5] as double[] : null)
            : null;
    }

    /// <summary>Puts the job back on its queue (any state); false when there is no such job.</summary>
    public bool Requeue(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (Storage.GetMonitoringApi().JobDetails(id) is null)
        {
            return false;
        }

        return new BackgroundJobClient(Storage).Requeue(id);
    }

    /// <summary>
    /// Deletes the queued jobs of a queue, or its failed jobs; returns how many. Deleted jobs leave the queue at
    /// once, so <see cref="Statistics"/> and <see cref="List"/> agree with the count.
    /// </summary>
    public int ClearQueue(string queue, bool failed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        var client = new BackgroundJobClient(Storage);
        var ids = List(queue, failed ? JobState.Failed : JobState.Queued).Select(j => j.Id).ToList();
        var deleted = ids.Where(client.Delete).ToList();
        if (!failed && holder.RedisDatabase is { } redis)
        {
            // Hangfire only marks a queued job Deleted and leaves its id on the queue for a worker to skip, so
            // stats and lists would go on counting it.
            var key = $"{holder.Redis!.Prefix}queue:{queue}";
            foreach (var id in deleted)
            {
                redis.ListRemove(key, id);
            }
        }

        return deleted.Count;
    }

    /// <summary>Counts per state and queue, and the workers alive.</summary>
    public JobStatistics Statistics()
    {
        var monitoring = Storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var queues = monitoring.Queues().Select(q => new QueueStatistics(q.Name, q.Length, q.Fetched ?? 0)).ToList();
        var workers = monitoring.Servers()
            .Select(s => new WorkerStatistics(s.Name, string.Join(",", s.Queues), s.WorkersCount, s.StartedAt, s.Heartbeat))
            .ToList();
        return new JobStatistics(holder.Description, stats.Enqueued, stats.Processing, stats.Succeeded, stats.Failed, stats.Scheduled, stats.Servers, queues, workers);
    }

    /// <summary>Every state of a job, oldest first, straight from storage (used by tests and <c>jobs show</c>).</summary>
    public IReadOnlyList<StateHistoryDto> History(string id) =>
        Storage.GetMonitoringApi().JobDetails(id)?.History.OrderBy(h => h.CreatedAt).ToList() ?? [];

    private static string Friendly(string state) =>
        state == EnqueuedState.StateName ? "queued"
        : state == ProcessingState.StateName ? "running"
        : state == SucceededState.StateName ? "succeeded"
        : state == FailedState.StateName ? "failed"
        : state.ToLowerInvariant();

    private static string QueueOf(Job? job) =>
        job?.Queue ?? job?.Method.GetCustomAttribute<QueueAttribute>()?.Queue ?? "";

    /// <summary>Job results are stored as JSON; a string result reads better without its quotes.</summary>
    private static string? Unquote(string? json) =>
        json is ['"', .., '"'] ? System.Text.Json.JsonSerializer.Deserialize<string>(json) : json;
}

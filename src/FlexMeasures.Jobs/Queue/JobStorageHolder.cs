using Hangfire;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using StackExchange.Redis;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Owns the queue's storage: Redis when an endpoint is configured, else an in-process store. Created on first
/// use, so commands that never touch the queue never connect to Redis.
/// </summary>
public sealed class JobStorageHolder(RedisEndpoint? redis, JobsOptions options) : IDisposable
{
    private readonly Lock _lock = new();
    private ConnectionMultiplexer? _multiplexer;
    private JobStorage? _storage;

    /// <summary>Null: the in-process queue.</summary>
    public RedisEndpoint? Redis { get; } = redis;

    public JobsOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Where the jobs are, for messages.</summary>
    public string Description => Redis?.ToString() ?? "the in-process queue";

    public JobStorage Storage
    {
        get
        {
            lock (_lock)
            {
                return _storage ??= Create();
            }
        }
    }

    /// <summary>The Redis database the queue lives in (null for the in-process queue); creates the storage first.</summary>
    internal IDatabase? RedisDatabase
    {
        get
        {
            _ = Storage;
            lock (_lock)
            {
                return Redis is null ? null : _multiplexer?.GetDatabase(Redis.Database);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _multiplexer?.Dispose();
            _multiplexer = null;
        }
    }

    private JobStorage Create()
    {
        HangfireDefaults.Apply();
        if (Redis is null)
        {
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
        }

        _multiplexer = ConnectionMultiplexer.Connect(Redis.ToConfigurationOptions());
        return new RedisStorage(_multiplexer, new RedisStorageOptions
        {
            Prefix = Redis.Prefix,
            Db = Redis.Database,
            InvisibilityTimeout = Options.InvisibilityTimeout,
            SucceededListSize = 10_000,
            DeletedListSize = 1_000,
        });
    }
}

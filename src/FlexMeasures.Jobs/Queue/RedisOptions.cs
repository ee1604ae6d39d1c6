namespace FlexMeasures.Jobs.Queue;

/// <summary>Configuration section <c>Redis</c>: where the job queue lives. No URL = the in-process queue.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A host name (<c>localhost</c>), <c>host:port</c>, or <c>redis://[:password@]host[:port][/db]</c>.
    /// Environment: <c>FLEXMEASURES_REDIS_URL</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Port when the URL names none. Environment: <c>FLEXMEASURES_REDIS_PORT</c>.</summary>
    public string? Port { get; set; }

    /// <summary>Database number when the URL names none. Environment: <c>FLEXMEASURES_REDIS_DB_NR</c>.</summary>
    public string? DbNumber { get; set; }

    /// <summary>Password when the URL carries none. Environment: <c>FLEXMEASURES_REDIS_PASSWORD</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Prefix of every key the queue writes, so several installations (or tests) can share one Redis database.</summary>
    public string? Prefix { get; set; }
}

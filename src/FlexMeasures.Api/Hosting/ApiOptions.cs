using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Api.Hosting;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Largest request body accepted, in bytes (<c>FLEXMEASURES_MAX_SENSOR_DATA_INGESTION_BYTES</c>, as in
    /// FlexMeasures); larger bodies get 413 <c>PAYLOAD_TOO_LARGE</c>. 3 MiB by default.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "must be a number of bytes, at least 1")]
    public long MaxBodyBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>How long an auth token lives, in seconds (<c>SECURITY_TOKEN_MAX_AGE</c>); 6 hours by default.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of seconds, at least 1")]
    public int TokenMaxAgeSeconds { get; set; } = 6 * 60 * 60;

    /// <summary>
    /// The shared secret monitoring tools send in <c>Authorization</c> to <c>/api/ops/getLatestTaskRun</c>
    /// (<c>FLEXMEASURES_TASK_CHECK_AUTH_TOKEN</c>); none means the endpoint refuses everyone.
    /// </summary>
    public string? TaskCheckAuthToken { get; set; }

    /// <summary>
    /// Most values one sensor-data read may return or go through (<c>FLEXMEASURES_MAX_VALUES_PER_RESPONSE</c>): steps of
    /// the requested resolution, and of the sensor's own resolution when that is finer (those are the events read).
    /// Larger reads get 422 before anything is loaded. 500,000 by default: about a year at one minute, 14 years at 15 minutes.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of values, at least 1")]
    public int MaxValuesPerResponse { get; set; } = 500_000;

    /// <summary>Failed logins per email within <see cref="LoginWindowSeconds"/> after which further attempts get 429; 10 by default.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of failed logins, at least 1")]
    public int LoginMaxFailuresPerAccount { get; set; } = 10;

    /// <summary>Failed logins per client address within <see cref="LoginWindowSeconds"/> after which further attempts get 429; 50 by default.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of failed logins, at least 1")]
    public int LoginMaxFailuresPerAddress { get; set; } = 50;

    /// <summary>How long a failed login counts, in seconds; 900 (15 minutes) by default.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of seconds, at least 1")]
    public int LoginWindowSeconds { get; set; } = 15 * 60;
}

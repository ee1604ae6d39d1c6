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
}

using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Ops;

internal sealed record PingResponse([property: JsonPropertyName("message")] string Message);

/// <summary>
/// FlexMeasures' readiness fields (<c>database_sql</c>, <c>database_redis</c> where Redis is configured), and what follows
/// from them: whether data is taken (<c>accepts_data</c>: the database is up), whether jobs can be queued
/// (<c>accepts_jobs</c>), and the names of what is <c>down</c>.
/// </summary>
internal sealed record ReadinessResponse(
    [property: JsonPropertyName("database_sql")] bool DatabaseSql,
    [property: JsonPropertyName("database_redis"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? DatabaseRedis,
    [property: JsonPropertyName("accepts_data")] bool AcceptsData,
    [property: JsonPropertyName("accepts_jobs")] bool AcceptsJobs,
    [property: JsonPropertyName("down")] IReadOnlyList<string> Down);

/// <summary>What the task monitoring tool (py-pinger) expects from <c>/api/ops/getLatestTaskRun</c>.</summary>
internal sealed record TaskRunResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("lastrun")] DateTimeOffset LastRun,
    [property: JsonPropertyName("frequency")] int Frequency,
    [property: JsonPropertyName("process")] string Process,
    [property: JsonPropertyName("server")] string Server);

/// <summary>FlexMeasures' answer to <c>/api/ops/postLatestTaskRun</c>: <c>status</c> OK or ERROR, and why not.</summary>
internal sealed record TaskRunPostResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);

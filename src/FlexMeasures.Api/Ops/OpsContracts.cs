using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Ops;

internal sealed record PingResponse([property: JsonPropertyName("message")] string Message);

internal sealed record ReadinessResponse(
    [property: JsonPropertyName("database_sql")] bool DatabaseSql,
    [property: JsonPropertyName("database_redis"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? DatabaseRedis);

/// <summary>What the task monitoring tool (py-pinger) expects from <c>/api/ops/getLatestTaskRun</c>.</summary>
internal sealed record TaskRunResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("lastrun")] DateTimeOffset LastRun,
    [property: JsonPropertyName("frequency")] int Frequency,
    [property: JsonPropertyName("process")] string Process,
    [property: JsonPropertyName("server")] string Server);

using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Ops;

internal sealed record PingResponse([property: JsonPropertyName("message")] string Message);

internal sealed record ReadinessResponse([property: JsonPropertyName("database_sql")] bool DatabaseSql);

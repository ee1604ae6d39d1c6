using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Audit;

/// <summary>One entry of a user's or an asset's audit log, with FlexMeasures' keys.</summary>
/// <param name="EventDatetime">UTC, ISO 8601 with offset.</param>
internal sealed record AuditLogEntry(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("event_datetime")] string EventDatetime,
    [property: JsonPropertyName("active_user_name")] string? ActiveUserName,
    [property: JsonPropertyName("active_user_id")] int? ActiveUserId);

/// <summary>One entry of an account's audit log: FlexMeasures shows fewer keys there.</summary>
/// <param name="EventDatetime">UTC, ISO 8601 with offset.</param>
internal sealed record AccountAuditLogEntry(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("event_datetime")] string EventDatetime,
    [property: JsonPropertyName("active_user_id")] int? ActiveUserId);

/// <summary>An audit log row of either table, so both are filtered, sorted and paged by one piece of code.</summary>
internal sealed class AuditRow
{
    public int Id { get; init; }

    public required string Event { get; init; }

    public DateTime EventDatetime { get; init; }

    public string? ActiveUserName { get; init; }

    public int? ActiveUserId { get; init; }
}

using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Errors;

/// <summary>
/// FlexMeasures' error body: a <c>message</c> (text, or per-location field errors for 422), a <c>status</c>
/// (a word such as <c>UNAUTHORIZED</c>, or the numeric code for generic HTTP errors) and, for rejected
/// requests, <c>result: "Rejected"</c>.
/// </summary>
internal sealed record ApiError(
    [property: JsonPropertyName("message")] object Message,
    [property: JsonPropertyName("status")] object Status,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Result = null,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors = null);

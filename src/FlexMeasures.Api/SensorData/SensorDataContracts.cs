using System.Text.Json.Serialization;

namespace FlexMeasures.Api.SensorData;

/// <summary>The answer to a post of sensor data (FlexMeasures writes <c>results</c> here, not <c>result</c>).</summary>
internal sealed record PostSensorDataResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("results"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Results = null);

internal sealed record GetSensorDataResponse(
    [property: JsonPropertyName("values")] IReadOnlyList<double?> Values,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("duration")] string Duration,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message);

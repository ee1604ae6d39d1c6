using System.Text.Json.Serialization;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Api.Sensors;

/// <summary>A sensor as FlexMeasures' SensorSchema dumps it (attributes as a JSON string).</summary>
internal sealed record SensorResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("event_resolution")] string EventResolution,
    [property: JsonPropertyName("entity_address")] string EntityAddress,
    [property: JsonPropertyName("attributes")] string Attributes,
    [property: JsonPropertyName("generic_asset_id")] int GenericAssetId)
{
    public static SensorResponse From(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return new(sensor.Id, sensor.Name, sensor.Unit, sensor.Timezone, ApiTime.Duration(sensor.EventResolution),
            $"ea1.2021-01.io.flexmeasures:fm1.{sensor.Id}", sensor.Attributes, sensor.GenericAssetId);
    }
}

/// <summary>A page of a listing, as FlexMeasures answers when <c>page</c> is given.</summary>
internal sealed record PageResponse<T>(
    [property: JsonPropertyName("data")] IReadOnlyList<T> Data,
    [property: JsonPropertyName("num-records")] int NumRecords,
    [property: JsonPropertyName("filtered-records")] int FilteredRecords);

/// <summary>Statistics of one source's beliefs about a sensor.</summary>
internal sealed record SensorStats(
    [property: JsonPropertyName("First event start")] string? FirstEventStart,
    [property: JsonPropertyName("Last event end")] string? LastEventEnd,
    [property: JsonPropertyName("Min value")] double MinValue,
    [property: JsonPropertyName("Max value")] double MaxValue,
    [property: JsonPropertyName("Mean value")] double MeanValue,
    [property: JsonPropertyName("Sum over values")] double SumOverValues,
    [property: JsonPropertyName("Number of values")] int NumberOfValues);

/// <summary>The answer of <c>GET /sensors/{id}/status</c>: one status per source type (FlexMeasures' key).</summary>
internal sealed record SensorStatusesResponse([property: JsonPropertyName("sensors_data")] IReadOnlyList<SensorStatusResponse> SensorsData);

/// <summary>FlexMeasures' fields of one sensor status (durations in ISO 8601, instants with offset).</summary>
internal sealed record SensorStatusResponse(
    [property: JsonPropertyName("staleness")] string? Staleness,
    [property: JsonPropertyName("stale")] bool Stale,
    [property: JsonPropertyName("staleness_since")] string? StalenessSince,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("source_type")] string? SourceType,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("asset_name")] string AssetName,
    [property: JsonPropertyName("relation")] string Relation);

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

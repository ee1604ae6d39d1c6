using System.Text.Json;
using System.Text.Json.Serialization;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Charts;
using FlexMeasures.Data.Sources;

namespace FlexMeasures.Api.Charts;

/// <summary>The answer of both <c>chart_data</c> endpoints: the charts to stack and the data of every sensor in them.</summary>
/// <param name="EventStartsAfter">The window asked for, as the client wrote it; null when open.</param>
/// <param name="MaxPoints">Most points per series in this answer.</param>
internal sealed record ChartDataResponse(
    [property: JsonPropertyName("event_starts_after")] string? EventStartsAfter,
    [property: JsonPropertyName("event_ends_before")] string? EventEndsBefore,
    [property: JsonPropertyName("resolution")] string? Resolution,
    [property: JsonPropertyName("max_points")] int MaxPoints,
    [property: JsonPropertyName("sensors_to_show")] IReadOnlyList<ChartGroupResponse> SensorsToShow,
    [property: JsonPropertyName("sensors")] IReadOnlyList<ChartSensorResponse> Sensors);

/// <summary>One chart of the stack: an optional title and the sensors drawn in it.</summary>
internal sealed record ChartGroupResponse(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("sensors")] IReadOnlyList<int> Sensors)
{
    public static ChartGroupResponse From(SensorGroup group) => new(group.Title, group.SensorIds);
}

internal sealed record ChartSensorResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("event_resolution")] string EventResolution,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("asset_id")] int AssetId,
    [property: JsonPropertyName("series")] IReadOnlyList<ChartSeriesResponse> Series)
{
    public static ChartSensorResponse From(SensorChart chart) => new(
        chart.Sensor.Id,
        chart.Sensor.Name,
        chart.Sensor.Unit,
        ApiTime.Duration(chart.Sensor.EventResolution),
        chart.Sensor.Timezone,
        chart.Sensor.GenericAssetId,
        [.. chart.Series.Select(ChartSeriesResponse.From)]);
}

/// <summary>The points of one source, with how they were reduced.</summary>
/// <param name="Count">Points before reduction.</param>
/// <param name="Bucket">Width of the buckets whose lowest and highest points were kept; null when not reduced.</param>
/// <param name="Points"><c>[event start (ms since 1970 UTC), value, belief time (ms) or null, belief horizon (s) or null]</c>.</param>
internal sealed record ChartSeriesResponse(
    [property: JsonPropertyName("source")] ChartSourceResponse Source,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("reduced")] bool Reduced,
    [property: JsonPropertyName("bucket")] string? Bucket,
    [property: JsonPropertyName("points"), JsonConverter(typeof(ChartPointsConverter))] IReadOnlyList<ChartPoint> Points)
{
    public static ChartSeriesResponse From(ChartSeries series) => new(
        ChartSourceResponse.From(series.Source),
        series.Kind,
        series.Count,
        series.Bucket is not null,
        series.Bucket is { } bucket ? ApiTime.Duration(bucket) : null,
        series.Points);
}

internal sealed record ChartSourceResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("version")] string? Version)
{
    public static ChartSourceResponse From(DataSource source) => new(source.Id, source.Name, source.Type, source.Model, source.Version);
}

/// <summary>
/// Points as small arrays rather than objects: a reduced year of four sensors is some ten thousand points, and
/// the key names would be most of the answer. Times are epoch milliseconds, which charting libraries take as they are.
/// </summary>
internal sealed class ChartPointsConverter : JsonConverter<IReadOnlyList<ChartPoint>>
{
    public override IReadOnlyList<ChartPoint> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Chart points are only written.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ChartPoint> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var point in value)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(EpochMilliseconds(point.EventStart));
            writer.WriteNumberValue(point.Value);
            if (point.BeliefTime is { } beliefTime)
            {
                writer.WriteNumberValue(EpochMilliseconds(beliefTime));
            }
            else
            {
                writer.WriteNullValue();
            }

            if (point.BeliefHorizon is { } horizon)
            {
                writer.WriteNumberValue(horizon.TotalSeconds);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static long EpochMilliseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}

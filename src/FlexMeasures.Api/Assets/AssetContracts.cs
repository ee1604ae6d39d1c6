using System.Text.Json.Serialization;
using FlexMeasures.Data.Assets;

namespace FlexMeasures.Api.Assets;

internal sealed record AssetTypeResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>An asset as FlexMeasures' GenericAssetSchema dumps it (JSON columns as JSON strings).</summary>
internal sealed record AssetResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("account_id")] int? AccountId,
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude,
    [property: JsonPropertyName("generic_asset_type_id")] int GenericAssetTypeId,
    [property: JsonPropertyName("generic_asset_type")] AssetTypeResponse? GenericAssetType,
    [property: JsonPropertyName("parent_asset_id")] int? ParentAssetId,
    [property: JsonPropertyName("attributes")] string Attributes,
    [property: JsonPropertyName("sensors_to_show")] string SensorsToShow,
    [property: JsonPropertyName("flex_context")] string FlexContext,
    [property: JsonPropertyName("flex_model")] string FlexModel,
    [property: JsonPropertyName("external_id")] string? ExternalId)
{
    public static AssetResponse From(GenericAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new(asset.Id, asset.Name, asset.Description, asset.AccountId, asset.Latitude, asset.Longitude, asset.GenericAssetTypeId,
            asset.GenericAssetType is { } type ? new AssetTypeResponse(type.Id, type.Name, type.Description) : null,
            asset.ParentAssetId, asset.Attributes, asset.SensorsToShow, asset.FlexContext, asset.FlexModel, asset.ExternalId);
    }
}

/// <summary>The answer of <c>GET /assets/{id}/jobs</c>, as FlexMeasures gives it.</summary>
/// <param name="RedisConnectionErr">Why the jobs could not be read (the queue's Redis is unreachable); null otherwise.</param>
internal sealed record AssetJobsResponse(
    [property: JsonPropertyName("jobs")] IReadOnlyList<AssetJobResponse> Jobs,
    [property: JsonPropertyName("redis_connection_err")] string? RedisConnectionErr);

/// <summary>One forecasting or scheduling job of an asset or of one of its sensors (FlexMeasures' fields, RQ's status words).</summary>
internal sealed record AssetJobResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("asset_or_sensor_type")] string AssetOrSensorType,
    [property: JsonPropertyName("entity")] string Entity,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("err")] string? Err,
    [property: JsonPropertyName("enqueued_at")] string? EnqueuedAt,
    [property: JsonPropertyName("metadata_hash")] string MetadataHash);

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

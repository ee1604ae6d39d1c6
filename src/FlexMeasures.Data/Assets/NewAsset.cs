namespace FlexMeasures.Data.Assets;

/// <summary>What it takes to create an asset. No account means a public asset.</summary>
public sealed record NewAsset(
    string Name,
    int AssetTypeId,
    int? AccountId,
    int? ParentAssetId = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Attributes = null);

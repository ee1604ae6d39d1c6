namespace FlexMeasures.Data.Assets;

/// <summary>What it takes to create an asset. No account means a public asset; flex-model and flex-context are JSON objects.</summary>
public sealed record NewAsset(
    string Name,
    int AssetTypeId,
    int? AccountId,
    int? ParentAssetId = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Attributes = null,
    string? FlexModel = null,
    string? FlexContext = null);

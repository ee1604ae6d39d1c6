namespace FlexMeasures.Data.Assets;

/// <summary>A kind of asset, e.g. solar, battery or building (table <c>generic_asset_type</c>).</summary>
public sealed class GenericAssetType
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }
}

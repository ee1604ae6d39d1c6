using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Data.Assets;

/// <summary>
/// Something that produces, consumes or measures energy-related data (table <c>generic_asset</c>).
/// An asset without an account is public; assets nest through <see cref="ParentAssetId"/>.
/// </summary>
public sealed class GenericAsset
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Degrees north, within ±90.</summary>
    public double? Latitude { get; set; }

    /// <summary>Degrees east, within ±180.</summary>
    public double? Longitude { get; set; }

    public int GenericAssetTypeId { get; set; }

    public GenericAssetType? GenericAssetType { get; set; }

    /// <summary>The owning account; null means the asset is public.</summary>
    public int? AccountId { get; set; }

    public Account? Account { get; set; }

    public int? ParentAssetId { get; set; }

    public GenericAsset? ParentAsset { get; set; }

    /// <summary>Free-form JSON object.</summary>
    public string Attributes { get; set; } = "{}";

    /// <summary>JSON list of sensor ids (or groups) to chart for this asset.</summary>
    public string SensorsToShow { get; set; } = "[]";

    /// <summary>JSON list of sensors to show as key performance indicators.</summary>
    public string SensorsToShowAsKpis { get; set; } = "[]";

    /// <summary>The asset's id in an outside system; unique per account.</summary>
    public string? ExternalId { get; set; }

    /// <summary>JSON object with credentials for outside services.</summary>
    public string Secrets { get; set; } = "{}";

    public string? Description { get; set; }

    /// <summary>JSON object with the asset's flexibility context.</summary>
    public string FlexContext { get; set; } = "{}";

    /// <summary>JSON object with the asset's flexibility model.</summary>
    public string FlexModel { get; set; } = "{}";

    public ICollection<GenericAsset> ChildAssets { get; } = [];

    public ICollection<Sensor> Sensors { get; } = [];
}

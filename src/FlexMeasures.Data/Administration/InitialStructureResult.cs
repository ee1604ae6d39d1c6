namespace FlexMeasures.Data.Administration;

/// <summary>How many rows <see cref="InitialStructure.EnsureAsync"/> added.</summary>
public sealed record InitialStructureResult(int Roles, int AccountRoles, int AssetTypes, int DataSources)
{
    public int Total => Roles + AccountRoles + AssetTypes + DataSources;
}

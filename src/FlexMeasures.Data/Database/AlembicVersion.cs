namespace FlexMeasures.Data.Database;

/// <summary>
/// FlexMeasures' (alembic's) schema revision table. We do not use it, but it exists so that a data-only
/// dump of a FlexMeasures database, which carries a row for it, restores without errors.
/// </summary>
public sealed class AlembicVersion
{
    public required string VersionNum { get; set; }
}

namespace FlexMeasures.Data.Schema;

/// <summary>One migration of the database structure.</summary>
/// <param name="Id">The full migration id, e.g. <c>20261127120000_InitialStructure</c>.</param>
/// <param name="Applied">Whether the database has it.</param>
public sealed record SchemaRevision(string Id, bool Applied)
{
    /// <summary>The revision name without its timestamp, e.g. <c>InitialStructure</c>.</summary>
    public string Name => Id.Length > 15 && Id[14] == '_' ? Id[15..] : Id;
}

namespace FlexMeasures.Data.Schema;

/// <summary>Where a database stands among the known revisions.</summary>
/// <param name="Revisions">Every known revision, oldest first.</param>
public sealed record SchemaStatus(IReadOnlyList<SchemaRevision> Revisions)
{
    /// <summary>The newest applied revision; null for an empty database.</summary>
    public SchemaRevision? Current => Revisions.LastOrDefault(r => r.Applied);

    /// <summary>The newest known revision.</summary>
    public SchemaRevision Latest => Revisions[^1];

    /// <summary>Revisions known to the program but not applied to the database.</summary>
    public IReadOnlyList<SchemaRevision> Pending => [.. Revisions.Where(r => !r.Applied)];
}

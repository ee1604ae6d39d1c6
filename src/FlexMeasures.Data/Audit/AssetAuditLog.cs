namespace FlexMeasures.Data.Audit;

/// <summary>What happened to an asset, and who did it (table <c>asset_audit_log</c>).</summary>
public sealed class AssetAuditLog
{
    public int Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime EventDatetime { get; set; }

    public required string Event { get; set; }

    public string? ActiveUserName { get; set; }

    public int? ActiveUserId { get; set; }

    public int? AffectedAssetId { get; set; }
}

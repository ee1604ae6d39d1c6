namespace FlexMeasures.Data.Audit;

/// <summary>What happened to a user or account, and who did it (table <c>audit_log</c>).</summary>
public sealed class AuditLog
{
    public int Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime EventDatetime { get; set; }

    public required string Event { get; set; }

    public string? ActiveUserName { get; set; }

    public int? ActiveUserId { get; set; }

    public int? AffectedUserId { get; set; }

    public int? AffectedAccountId { get; set; }
}

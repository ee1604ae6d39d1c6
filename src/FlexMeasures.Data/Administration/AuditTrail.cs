using FlexMeasures.Data.Audit;
using FlexMeasures.Data.Database;

namespace FlexMeasures.Data.Administration;

/// <summary>Adds audit log entries to the current unit of work (saved with it, or not at all).</summary>
public sealed class AuditTrail(FlexMeasuresDbContext db, TimeProvider clock)
{
    /// <summary>Who acts; null for the command line.</summary>
    public (int Id, string Name)? ActiveUser { get; set; }

    /// <param name="actor">Who acts when nobody is logged in (default: the command line).</param>
    public void UserEvent(string message, int? affectedUserId, int? affectedAccountId, string? actor = null) =>
        db.AuditLogs.Add(new AuditLog
        {
            EventDatetime = clock.GetUtcNow().UtcDateTime,
            Event = Truncate(message),
            ActiveUserId = ActiveUser?.Id,
            ActiveUserName = ActiveUser?.Name ?? actor ?? "command line",
            AffectedUserId = affectedUserId,
            AffectedAccountId = affectedAccountId,
        });

    public void AssetEvent(string message, int? affectedAssetId) =>
        db.AssetAuditLogs.Add(new AssetAuditLog
        {
            EventDatetime = clock.GetUtcNow().UtcDateTime,
            Event = Truncate(message),
            ActiveUserId = ActiveUser?.Id,
            ActiveUserName = ActiveUser?.Name ?? "command line",
            AffectedAssetId = affectedAssetId,
        });

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];
}

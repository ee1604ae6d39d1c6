using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Audit;

internal sealed class AssetAuditLogConfiguration : IEntityTypeConfiguration<AssetAuditLog>
{
    public void Configure(EntityTypeBuilder<AssetAuditLog> builder)
    {
        builder.ToTable("asset_audit_log");
        builder.Property(l => l.Event).HasMaxLength(500);
        builder.Property(l => l.ActiveUserName).HasMaxLength(255);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.ActiveUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<GenericAsset>().WithMany().HasForeignKey(l => l.AffectedAssetId).OnDelete(DeleteBehavior.SetNull);
    }
}

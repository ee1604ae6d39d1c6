using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Assets;

internal sealed class GenericAssetConfiguration : IEntityTypeConfiguration<GenericAsset>
{
    public void Configure(EntityTypeBuilder<GenericAsset> builder)
    {
        builder.ToTable("generic_asset", table => table.HasCheckConstraint(
            "generic_asset_self_reference_ck", "parent_asset_id != id"));
        builder.Property(a => a.Name).HasMaxLength(80);
        builder.Property(a => a.ExternalId).HasMaxLength(80);
        builder.Property(a => a.Description).HasColumnType("text");
        builder.Property(a => a.Attributes).IsJson();
        builder.Property(a => a.SensorsToShow).IsJson().HasDefaultValueSql("'[]'");
        builder.Property(a => a.SensorsToShowAsKpis).IsJson().HasDefaultValueSql("'[]'");
        builder.Property(a => a.FlexContext).IsJson().HasDefaultValueSql("'{}'");
        builder.Property(a => a.FlexModel).IsJson().HasDefaultValueSql("'{}'");
        builder.Property(a => a.Secrets).IsJson().HasDefaultValueSql("'{}'");
        builder.HasOne(a => a.GenericAssetType).WithMany()
            .HasForeignKey(a => a.GenericAssetTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Account).WithMany()
            .HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.ParentAsset).WithMany(a => a.ChildAssets)
            .HasForeignKey(a => a.ParentAssetId).OnDelete(DeleteBehavior.Cascade);

        // Names are unique among siblings, among an account's root assets and among public root assets.
        builder.HasIndex(a => new { a.Name, a.ParentAssetId }).IsUnique()
            .HasFilter("parent_asset_id IS NOT NULL")
            .HasDatabaseName("generic_asset_name_parent_asset_id_key");
        builder.HasIndex(a => new { a.AccountId, a.Name }).IsUnique()
            .HasFilter("parent_asset_id IS NULL AND account_id IS NOT NULL")
            .HasDatabaseName("generic_asset_root_account_id_name_key");
        builder.HasIndex(a => a.Name).IsUnique()
            .HasFilter("parent_asset_id IS NULL AND account_id IS NULL")
            .HasDatabaseName("generic_asset_public_root_name_key");
        builder.HasIndex(a => new { a.AccountId, a.ExternalId }).IsUnique()
            .HasDatabaseName("generic_asset_account_id_external_id_key");
    }
}

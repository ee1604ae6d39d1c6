using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Assets;

internal sealed class GenericAssetTypeConfiguration : IEntityTypeConfiguration<GenericAssetType>
{
    public void Configure(EntityTypeBuilder<GenericAssetType> builder)
    {
        builder.ToTable("generic_asset_type");
        builder.Property(t => t.Name).HasMaxLength(80);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(80);
    }
}

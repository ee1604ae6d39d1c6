using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Sensors;

internal sealed class SensorConfiguration : IEntityTypeConfiguration<Sensor>
{
    public void Configure(EntityTypeBuilder<Sensor> builder)
    {
        builder.ToTable("sensor");
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Unit).HasMaxLength(80);
        builder.Property(s => s.Timezone).HasMaxLength(80);
        builder.Property(s => s.KnowledgeHorizonFnc).HasMaxLength(80);
        builder.Property(s => s.KnowledgeHorizonPar).IsJson("json");
        builder.Property(s => s.Attributes).IsJson();
        builder.HasOne(s => s.GenericAsset).WithMany(a => a.Sensors)
            .HasForeignKey(s => s.GenericAssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.Name, s.GenericAssetId }).IsUnique()
            .HasDatabaseName("sensor_name_generic_asset_id_key");
    }
}

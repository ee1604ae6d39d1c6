using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Sources;

internal sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSource>
{
    public void Configure(EntityTypeBuilder<DataSource> builder)
    {
        builder.ToTable("data_source");
        builder.HasKey(s => s.Id).HasName("data_sources_pkey");
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Type).HasMaxLength(80);
        builder.Property(s => s.Model).HasMaxLength(80);
        builder.Property(s => s.Version).HasMaxLength(17);
        builder.Property(s => s.Attributes).IsJson().HasDefaultValueSql("'{}'");
        builder.HasIndex(s => s.UserId).IsUnique();
        builder.HasIndex(s => new { s.Name, s.UserId, s.AccountId, s.Model, s.Version, s.AttributesHash }).IsUnique()
            .HasDatabaseName("data_source_name_key");
    }
}

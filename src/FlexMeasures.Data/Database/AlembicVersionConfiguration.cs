using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Database;

internal sealed class AlembicVersionConfiguration : IEntityTypeConfiguration<AlembicVersion>
{
    public void Configure(EntityTypeBuilder<AlembicVersion> builder)
    {
        builder.ToTable("alembic_version");
        builder.HasKey(v => v.VersionNum).HasName("alembic_version_pkc");
        builder.Property(v => v.VersionNum).HasMaxLength(32);
    }
}

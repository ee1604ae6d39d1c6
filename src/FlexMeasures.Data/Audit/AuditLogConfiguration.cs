using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Audit;

internal sealed class AuditLogConfiguration : IEntityTypeConfiguration<AuditLog>
{
    public void Configure(EntityTypeBuilder<AuditLog> builder)
    {
        // No foreign keys, as in FlexMeasures: the log outlives the users and accounts it names.
        builder.ToTable("audit_log");
        builder.Property(l => l.Event).HasMaxLength(500);
        builder.Property(l => l.ActiveUserName).HasMaxLength(255);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Accounts;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plan", table => table.HasCheckConstraint(
            "plan_rate_limit_key_ck", "rate_limit_key IN ('ACCOUNT_PLUS_ASSET', 'ACCOUNT', 'USER')"));
        builder.Property(p => p.Name).HasMaxLength(80);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.DefaultRateLimit).HasMaxLength(80);
        builder.Property(p => p.TriggerRateLimit).HasMaxLength(80);
        builder.Property(p => p.RateLimitKey).HasMaxLength(20);
    }
}

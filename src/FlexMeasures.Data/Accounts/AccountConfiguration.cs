using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("account");
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.PrimaryColor).HasMaxLength(7);
        builder.Property(a => a.SecondaryColor).HasMaxLength(7);
        builder.Property(a => a.LogoUrl).HasMaxLength(255);
        builder.Property(a => a.Attributes).IsJson().HasDefaultValueSql("'{}'");
        builder.Property(a => a.Secrets).IsJson().HasDefaultValueSql("'{}'");
        builder.HasOne(a => a.ConsultancyAccount).WithMany()
            .HasForeignKey(a => a.ConsultancyAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.AccountRoles).WithMany(r => r.Accounts).UsingEntity<Dictionary<string, object>>(
            "roles_accounts",
            role => role.HasOne<AccountRole>().WithMany().HasForeignKey("role_id").OnDelete(DeleteBehavior.Cascade),
            account => account.HasOne<Account>().WithMany().HasForeignKey("account_id").OnDelete(DeleteBehavior.Cascade),
            link =>
            {
                link.ToTable("roles_accounts");
                link.Property<int>("id");
                link.HasKey("id");
                link.HasIndex("role_id", "account_id").IsUnique();
            });
    }
}

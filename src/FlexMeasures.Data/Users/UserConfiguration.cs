using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("fm_user");
        builder.Property(u => u.Email).HasMaxLength(255);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.Username).HasMaxLength(255);
        builder.HasIndex(u => u.Username).IsUnique();
        builder.Property(u => u.Password).HasMaxLength(255);
        builder.Property(u => u.FsUniquifier).HasMaxLength(64);
        builder.HasIndex(u => u.FsUniquifier).IsUnique();
        builder.Property(u => u.Timezone).HasMaxLength(255);
        builder.HasOne(u => u.Account).WithMany()
            .HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.TfTotpSecret).HasColumnType("text");
        builder.Property(u => u.TfPrimaryMethod).HasMaxLength(255).HasDefaultValue("email");
        builder.HasMany(u => u.Roles).WithMany(r => r.Users).UsingEntity<Dictionary<string, object>>(
            "roles_users",
            role => role.HasOne<Role>().WithMany().HasForeignKey("role_id").OnDelete(DeleteBehavior.Cascade),
            user => user.HasOne<User>().WithMany().HasForeignKey("user_id").OnDelete(DeleteBehavior.Cascade),
            link =>
            {
                link.ToTable("roles_users");
                link.Property<int>("id");
                link.HasKey("id");
                link.HasIndex("role_id", "user_id").IsUnique();
            });
    }
}

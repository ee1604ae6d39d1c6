using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Annotations;

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> builder)
    {
        builder.ToTable("annotation", table => table.HasCheckConstraint(
            "annotation_type_check",
            $"type IN ({string.Join(", ", AnnotationTypes.All.Select(t => $"'{t}'"))})"));
        builder.Property(a => a.Content).HasMaxLength(1024);
        builder.Property(a => a.Type).HasMaxLength(20);
        builder.HasOne(a => a.Source).WithMany()
            .HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.Content, a.Start, a.BeliefTime, a.SourceId, a.Type }).IsUnique()
            .HasDatabaseName("annotation_content_key");

        builder.HasMany(a => a.Accounts).WithMany().UsingEntity<Dictionary<string, object>>(
            "annotations_accounts",
            account => account.HasOne<Account>().WithMany().HasForeignKey("account_id").OnDelete(DeleteBehavior.Cascade),
            annotation => annotation.HasOne<Annotation>().WithMany().HasForeignKey("annotation_id").OnDelete(DeleteBehavior.Cascade),
            LinkTable("annotations_accounts", "account_id"));
        builder.HasMany(a => a.Assets).WithMany().UsingEntity<Dictionary<string, object>>(
            "annotations_assets",
            asset => asset.HasOne<GenericAsset>().WithMany().HasForeignKey("generic_asset_id").OnDelete(DeleteBehavior.Cascade),
            annotation => annotation.HasOne<Annotation>().WithMany().HasForeignKey("annotation_id").OnDelete(DeleteBehavior.Cascade),
            LinkTable("annotations_assets", "generic_asset_id"));
        builder.HasMany(a => a.Sensors).WithMany().UsingEntity<Dictionary<string, object>>(
            "annotations_sensors",
            sensor => sensor.HasOne<Sensor>().WithMany().HasForeignKey("sensor_id").OnDelete(DeleteBehavior.Cascade),
            annotation => annotation.HasOne<Annotation>().WithMany().HasForeignKey("annotation_id").OnDelete(DeleteBehavior.Cascade),
            LinkTable("annotations_sensors", "sensor_id"));
    }

    private static Action<EntityTypeBuilder<Dictionary<string, object>>> LinkTable(string name, string linkedColumn) => link =>
    {
        link.ToTable(name);
        link.Property<int>("id");
        link.HasKey("id");
        link.HasIndex("annotation_id", linkedColumn).IsUnique();
    };
}

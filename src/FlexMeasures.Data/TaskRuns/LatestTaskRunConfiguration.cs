using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.TaskRuns;

internal sealed class LatestTaskRunConfiguration : IEntityTypeConfiguration<LatestTaskRun>
{
    public void Configure(EntityTypeBuilder<LatestTaskRun> builder)
    {
        builder.ToTable("latest_task_run");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(80);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexMeasures.Data.Beliefs;

internal sealed class TimedBeliefConfiguration : IEntityTypeConfiguration<TimedBelief>
{
    public void Configure(EntityTypeBuilder<TimedBelief> builder)
    {
        builder.ToTable("timed_belief");
        builder.HasKey(b => new { b.EventStart, b.BeliefHorizon, b.CumulativeProbability, b.SensorId, b.SourceId });
        builder.HasOne(b => b.Sensor).WithMany()
            .HasForeignKey(b => b.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.Source).WithMany()
            .HasForeignKey(b => b.SourceId).OnDelete(DeleteBehavior.Restrict);

        // The index every sensor-data search uses. FlexMeasures' other indexes lead with event_start or
        // sensor_id alone and add nothing the primary key and this one do not cover (docs/decisions).
        builder.HasIndex(b => new { b.SensorId, b.EventStart })
            .HasDatabaseName("timed_belief_search_session_singleevent_idx");
    }
}

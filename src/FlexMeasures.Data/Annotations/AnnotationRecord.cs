namespace FlexMeasures.Data.Annotations;

/// <summary>A stored annotation as it is read back; times in UTC.</summary>
public sealed record AnnotationRecord(int Id, string Content, DateTime Start, DateTime End, DateTime? BeliefTime, string Type, int SourceId, string SourceName);

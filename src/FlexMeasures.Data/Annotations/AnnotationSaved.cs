namespace FlexMeasures.Data.Annotations;

/// <summary>An annotation after <see cref="AnnotationService.AddAsync"/>: <paramref name="Created"/> is false when an identical one existed.</summary>
public sealed record AnnotationSaved(AnnotationRecord Annotation, bool Created);

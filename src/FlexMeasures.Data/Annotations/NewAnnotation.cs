namespace FlexMeasures.Data.Annotations;

/// <summary>An annotation to store.</summary>
/// <param name="Content">The text, 1 to <see cref="AnnotationService.MaxContentLength"/> characters.</param>
/// <param name="Start">UTC, inclusive.</param>
/// <param name="End">UTC, exclusive; after <paramref name="Start"/>.</param>
/// <param name="BeliefTime">UTC; when the annotation was known (FlexMeasures' <c>prior</c>); null: unknown.</param>
/// <param name="Type">One of <see cref="AnnotationTypes.All"/>.</param>
/// <param name="SourceId">The data source that made it (a user's source for people).</param>
public sealed record NewAnnotation(string Content, DateTime Start, DateTime End, DateTime? BeliefTime, string Type, int SourceId);

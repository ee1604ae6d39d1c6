namespace FlexMeasures.Data.Annotations;

/// <summary>Which annotations to read or remove; every criterion given must hold.</summary>
/// <param name="Target">Only those attached to this account, asset or sensor; null: all.</param>
/// <param name="EndsAfter">Only those that end after this instant (UTC): they overlap a period starting then.</param>
/// <param name="StartsBefore">Only those that start before this instant (UTC): they overlap a period ending then.</param>
/// <param name="Type">Only this type (see <see cref="AnnotationTypes"/>).</param>
/// <param name="KnownBy">Only those recorded at or before this instant (UTC); those without a belief time always count, as in FlexMeasures.</param>
/// <param name="SourceId">Only those of this data source.</param>
public sealed record AnnotationQuery(
    AnnotatedObject? Target = null,
    DateTime? EndsAfter = null,
    DateTime? StartsBefore = null,
    string? Type = null,
    DateTime? KnownBy = null,
    int? SourceId = null);

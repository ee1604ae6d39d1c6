namespace FlexMeasures.Data.Annotations;

/// <summary>One account, asset or sensor an annotation is (to be) attached to.</summary>
public readonly record struct AnnotatedObject(AnnotatedKind Kind, int Id)
{
    /// <summary>The field (and CLI option) that names this kind of object: <c>account</c>, <c>asset</c>, <c>sensor</c>.</summary>
    public string Field => Kind.ToString().ToLowerInvariant();

    public override string ToString() => $"{Field} {Id}";
}

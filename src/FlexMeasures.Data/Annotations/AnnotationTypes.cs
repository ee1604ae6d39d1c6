namespace FlexMeasures.Data.Annotations;

/// <summary>The values of FlexMeasures' <c>annotation_type</c> enumeration.</summary>
public static class AnnotationTypes
{
    public const string Alert = "alert";
    public const string Holiday = "holiday";
    public const string Label = "label";
    public const string Feedback = "feedback";
    public const string Warning = "warning";
    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Alert, Holiday, Label, Feedback, Warning, Error];
}

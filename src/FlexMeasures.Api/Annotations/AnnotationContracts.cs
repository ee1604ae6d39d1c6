using System.Text.Json.Serialization;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Annotations;

namespace FlexMeasures.Api.Annotations;

/// <summary>An annotation as FlexMeasures' <c>AnnotationSchema</c> dumps it: <c>prior</c> is the belief time, <c>source</c> the data source id.</summary>
internal sealed record AnnotationResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("prior")] string? Prior,
    [property: JsonPropertyName("source")] int Source)
{
    public static AnnotationResponse From(AnnotationRecord annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new(
            annotation.Id,
            annotation.Content,
            Utc(annotation.Start),
            Utc(annotation.End),
            annotation.Type,
            annotation.BeliefTime is { } prior ? Utc(prior) : null,
            annotation.SourceId);
    }

    private static string Utc(DateTime value) => ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
}

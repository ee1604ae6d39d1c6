using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Annotations;

/// <summary>
/// A note about a period of time (holiday, alert, label, …), attached to accounts, assets and sensors
/// (table <c>annotation</c>).
/// </summary>
public sealed class Annotation
{
    public int Id { get; set; }

    public required string Content { get; set; }

    /// <summary>UTC, inclusive.</summary>
    public DateTime Start { get; set; }

    /// <summary>UTC, exclusive.</summary>
    public DateTime End { get; set; }

    /// <summary>UTC; when the annotation was known.</summary>
    public DateTime? BeliefTime { get; set; }

    public int SourceId { get; set; }

    public DataSource? Source { get; set; }

    /// <summary>One of <see cref="AnnotationTypes.All"/>.</summary>
    public string Type { get; set; } = AnnotationTypes.Label;

    public ICollection<Account> Accounts { get; } = [];

    public ICollection<GenericAsset> Assets { get; } = [];

    public ICollection<Sensor> Sensors { get; } = [];
}

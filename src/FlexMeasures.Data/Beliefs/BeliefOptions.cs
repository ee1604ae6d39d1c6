namespace FlexMeasures.Data.Beliefs;

/// <summary>Configuration section <c>Beliefs</c>.</summary>
public sealed class BeliefOptions
{
    public const string SectionName = "Beliefs";

    /// <summary>
    /// Whether API posts may replace stored beliefs with other values (<c>FLEXMEASURES_ALLOW_DATA_OVERWRITE</c>);
    /// otherwise such a post is refused.
    /// </summary>
    public bool AllowOverwrite { get; set; }
}

namespace FlexMeasures.Data.Beliefs;

/// <summary>The beliefs made of incoming values, or every reason they were refused (then there are no beliefs).</summary>
public sealed record IntakeResult(IReadOnlyList<NewBelief> Beliefs, IReadOnlyList<IntakeRefusal> Refusals)
{
    public bool IsRefused => Refusals.Count > 0;
}

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Why a chunk may not be saved: a belief would change the value of one with the same event, horizon and
/// probability (stored, or earlier in the same input) while overwriting is not allowed.
/// </summary>
/// <param name="EventStart">UTC.</param>
/// <param name="StoredValue">The value already held: stored, or the first one offered in the input.</param>
internal sealed record BeliefRefusal(DateTime EventStart, TimeSpan BeliefHorizon, double StoredValue, double NewValue)
{
    public ReplacementRefusedException ToException() => new(EventStart, BeliefHorizon, StoredValue, NewValue);
}

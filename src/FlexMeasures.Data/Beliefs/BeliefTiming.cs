namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// When incoming values were believed. The first that applies wins: a row's own belief time, then
/// <see cref="Prior"/>, then <see cref="Horizon"/>, then <see cref="ReceivedAt"/>.
/// </summary>
/// <param name="ReceivedAt">UTC: when the data arrived; the belief time when nothing else says when they were believed.</param>
/// <param name="Horizon">
/// The belief horizon of every value (knowledge time − belief time): positive for forecasts, zero or negative for
/// measurements.
/// </param>
/// <param name="Prior">UTC: the belief time of every value.</param>
public sealed record BeliefTiming(DateTime ReceivedAt, TimeSpan? Horizon = null, DateTime? Prior = null)
{
    /// <summary>The belief time to derive a horizon from, or null when <see cref="Horizon"/> is the answer.</summary>
    internal DateTime? BeliefTime(DateTime? ownBeliefTime) =>
        ownBeliefTime ?? Prior ?? (Horizon is null ? ReceivedAt : null);
}

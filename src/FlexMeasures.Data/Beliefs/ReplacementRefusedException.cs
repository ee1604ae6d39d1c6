using System.Globalization;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// A belief has the same event, source, belief time and probability as a stored one but another value,
/// and overwriting is not allowed (FlexMeasures' <c>INVALID_REPLACEMENT</c>). Nothing was saved.
/// </summary>
public sealed class ReplacementRefusedException(DateTime eventStart, TimeSpan beliefHorizon, double storedValue, double newValue)
    : Exception(string.Create(
        CultureInfo.InvariantCulture,
        $"A belief about the event at {eventStart:yyyy-MM-ddTHH:mm:ssZ} with horizon {Time.IsoDuration.Format(beliefHorizon)} is stored as {storedValue}; replacing it with {newValue} is not allowed (set FLEXMEASURES_ALLOW_DATA_OVERWRITE or use --allow-overwrite). Nothing was saved."))
{
    public DateTime EventStart { get; } = eventStart;
}

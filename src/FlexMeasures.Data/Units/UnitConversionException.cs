namespace FlexMeasures.Data.Units;

/// <summary>
/// Values cannot be converted between two units: a unit is invalid, the units measure different things,
/// or the conversion needs an event resolution or capacity that is missing. The message names the units.
/// </summary>
public sealed class UnitConversionException(string message) : Exception(message);

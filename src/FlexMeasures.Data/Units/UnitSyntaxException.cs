namespace FlexMeasures.Data.Units;

/// <summary>Internal signal from the unit parser; turned into a validation message by <see cref="UnitConverter"/>.</summary>
internal sealed class UnitSyntaxException(string message) : Exception(message);

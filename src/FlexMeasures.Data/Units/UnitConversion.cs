namespace FlexMeasures.Data.Units;

/// <summary>
/// A linear conversion between two units: value in the target unit = value × <see cref="Factor"/> + <see cref="Offset"/>.
/// The offset is non-zero only between temperature scales such as °C and K.
/// </summary>
public sealed record UnitConversion(double Factor, double Offset)
{
    /// <summary>Leaves values as they are.</summary>
    public static UnitConversion Identity { get; } = new(1, 0);

    /// <summary>Converts one value.</summary>
    public double Apply(double value) => value * Factor + Offset;
}

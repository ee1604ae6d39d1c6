namespace FlexMeasures.Data.Units;

/// <summary>
/// A parsed unit expression: value in base units = value × <see cref="Factor"/> + <see cref="Offset"/>.
/// Only a lone offset unit (°C, °F) has an offset; arithmetic on one is refused, as pint refuses it,
/// because "°C per hour" or "2 °C" has no single meaning.
/// </summary>
internal readonly record struct UnitQuantity(double Factor, Dimension Dimension, double Offset = 0, string? OffsetUnit = null)
{
    public static UnitQuantity One { get; } = new(1, Dimension.None);

    public static UnitQuantity Number(double value) => new(value, Dimension.None);

    public UnitQuantity Times(UnitQuantity other)
    {
        RefuseOffset(this);
        RefuseOffset(other);
        return new UnitQuantity(Factor * other.Factor, Dimension.Times(other.Dimension));
    }

    public UnitQuantity Over(UnitQuantity other)
    {
        RefuseOffset(this);
        RefuseOffset(other);
        return new UnitQuantity(Factor / other.Factor, Dimension.Over(other.Dimension));
    }

    public UnitQuantity Power(int power)
    {
        RefuseOffset(this);
        return new UnitQuantity(Math.Pow(Factor, power), Dimension.Power(power));
    }

    private static void RefuseOffset(UnitQuantity quantity)
    {
        if (quantity.OffsetUnit is not null)
        {
            throw new UnitSyntaxException(
                $"'{quantity.OffsetUnit}' has a shifted zero, so it can only be used on its own (use K for temperature differences)");
        }
    }
}

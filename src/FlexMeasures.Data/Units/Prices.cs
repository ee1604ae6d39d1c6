namespace FlexMeasures.Data.Units;

/// <summary>Recognises price units.</summary>
public static class Prices
{
    private static readonly Dimension Energy = UnitParser.Parse("J").Dimension;

    /// <summary>True for a currency per unit of energy, such as <c>EUR/MWh</c> or <c>KRW/kWh</c>; false for anything else, unparsable units included.</summary>
    public static bool IsCurrencyPerEnergy(string unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return false;
        }

        Dimension dimension;
        try
        {
            dimension = UnitParser.Parse(unit).Dimension;
        }
        catch (UnitSyntaxException)
        {
            return false;
        }

        return Currencies.Codes.Any(code => dimension.Equals(Dimension.Currency(code).Over(Energy)));
    }

    /// <summary>
    /// The currency of a price per <paramref name="per"/> (a unit such as <c>MWh</c> or <c>MW</c>): <c>EUR</c> for
    /// <c>EUR/kWh</c> per <c>MWh</c>; null when the unit is not a currency per that dimension, or not a unit.
    /// </summary>
    public static string? CurrencyOf(string unit, string per)
    {
        ArgumentNullException.ThrowIfNull(per);
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        Dimension dimension;
        Dimension denominator;
        try
        {
            dimension = UnitParser.Parse(unit).Dimension;
            denominator = UnitParser.Parse(per).Dimension;
        }
        catch (UnitSyntaxException)
        {
            return null;
        }

        return Currencies.Codes.FirstOrDefault(code => dimension.Equals(Dimension.Currency(code).Over(denominator)));
    }
}

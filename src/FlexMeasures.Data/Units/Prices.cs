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
}

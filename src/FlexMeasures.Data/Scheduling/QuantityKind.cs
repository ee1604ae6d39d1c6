namespace FlexMeasures.Data.Scheduling;

/// <summary>What a flex field measures, and so the unit its values are converted to.</summary>
public enum QuantityKind
{
    /// <summary>MW; consumption positive.</summary>
    Power,

    /// <summary>MWh (a state of charge); <c>%</c> is a share of <c>soc-max</c>.</summary>
    Energy,

    /// <summary>A fraction: <c>90%</c> is 0.9.</summary>
    Fraction,

    /// <summary>Currency per MWh (energy prices, SoC breach prices).</summary>
    EnergyPrice,

    /// <summary>Currency per MW (capacity breach and peak prices).</summary>
    PowerPrice,
}

/// <summary>The one home of the unit each kind of flex value is converted to.</summary>
internal static class QuantityKinds
{
    /// <summary>MW, MWh or "" (a fraction); null for a price, whose unit depends on the currency (see <see cref="PricePer"/>).</summary>
    public static string? PhysicalUnit(this QuantityKind kind) => kind switch
    {
        QuantityKind.Power => "MW",
        QuantityKind.Energy => "MWh",
        QuantityKind.Fraction => "",
        _ => null,
    };

    /// <summary>What a price of this kind is per: MWh for energy prices, MW for power prices.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a price.</exception>
    public static string PricePer(this QuantityKind kind) => kind switch
    {
        QuantityKind.EnergyPrice => "MWh",
        QuantityKind.PowerPrice => "MW",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a price."),
    };
}

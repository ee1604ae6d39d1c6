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

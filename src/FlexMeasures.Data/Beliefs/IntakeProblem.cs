namespace FlexMeasures.Data.Beliefs;

/// <summary>Why incoming values cannot become beliefs of a sensor.</summary>
public enum IntakeProblem
{
    /// <summary>The values' unit measures something else than the sensor's unit (even with the sensor's capacity).</summary>
    IncompatibleUnit,

    /// <summary>The units are compatible, but this conversion needs something the data lack (a positive resolution, a valid capacity).</summary>
    UnconvertibleUnit,

    /// <summary>One value over zero duration, for a sensor whose events last: no resolution can be inferred.</summary>
    NoResolution,

    /// <summary>The values' resolution is neither a multiple nor a divisor of the sensor's.</summary>
    IncompatibleResolution,

    /// <summary>Several values over zero duration: they would all be about the same instant.</summary>
    OverlappingInstants,
}

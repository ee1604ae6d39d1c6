namespace FlexMeasures.Scheduling.Processes;

/// <summary>Whether the process goes where the price is lowest or highest (FlexMeasures' <c>optimization-sense</c>/<c>-direction</c>).</summary>
public enum OptimizationSense
{
    /// <summary>Cheapest placement (the default).</summary>
    Minimize,

    /// <summary>Most expensive placement (e.g. when the "price" is a utility or a production revenue).</summary>
    Maximize,
}

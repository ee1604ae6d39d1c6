namespace FlexMeasures.Scheduling.Processes;

/// <summary>How a process may be placed in time (FlexMeasures' <c>process-type</c>).</summary>
public enum ProcessType
{
    /// <summary>One block, as early as the time restrictions allow; prices are ignored.</summary>
    Inflexible,

    /// <summary>One uninterrupted block, starting wherever the objective is best.</summary>
    Shiftable,

    /// <summary>Any set of allowed steps of the right count, not necessarily consecutive.</summary>
    Breakable,
}

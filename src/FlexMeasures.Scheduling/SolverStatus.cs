namespace FlexMeasures.Scheduling;

/// <summary>How the solver ended.</summary>
public enum SolverStatus
{
    /// <summary>Proven optimal (within the solver's tolerances).</summary>
    Optimal,

    /// <summary>A feasible schedule was found but optimality was not proven (e.g. a MILP time limit).</summary>
    Feasible,

    /// <summary>The hard constraints cannot all be met: no schedule is returned.</summary>
    Infeasible,

    /// <summary>The objective is unbounded (a modelling error, e.g. an unlimited device with negative prices).</summary>
    Unbounded,

    /// <summary>The solver failed or gave up without a usable answer.</summary>
    Failed,
}

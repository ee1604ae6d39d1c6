namespace FlexMeasures.Scheduling.Storage;

/// <summary>FlexMeasures' StorageScheduler as an LP/MILP over all devices of one site.</summary>
public static class StorageScheduler
{
    /// <summary>Plans every device of the problem together. Throws <see cref="ArgumentException"/> for malformed
    /// input (list lengths, negative capacities, soc-min above soc-max); hard constraints that cannot be met
    /// give a result with <see cref="SolverStatus.Infeasible"/> and a message.</summary>
    public static StorageSchedule Schedule(StorageProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        StorageInput.Validate(problem);
        using var model = new StorageModel(problem);
        return model.Solve();
    }
}

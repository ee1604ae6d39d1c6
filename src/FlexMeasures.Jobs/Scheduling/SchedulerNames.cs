namespace FlexMeasures.Jobs.Scheduling;

/// <summary>
/// The schedulers, named as FlexMeasures names its classes; with <see cref="SourceName"/> and a version they make the
/// data source (type <c>scheduler</c>) schedules are stored under (docs/decisions/0017-scheduling-api-and-jobs.md).
/// </summary>
public static class SchedulerNames
{
    public const string Storage = "StorageScheduler";

    public const string Process = "ProcessScheduler";

    public const string SourceType = "scheduler";

    public const string SourceName = "FlexMeasures";

    /// <summary>Name, version and what each scheduler plans (for <c>show schedulers</c>).</summary>
    public static IReadOnlyList<(string Name, string Version, string Description)> All { get; } =
    [
        (Storage, "1", "Batteries, EV chargers, heat buffers and other storage of one site together (LP, HiGHS through OR-Tools); the default."),
        (Process, "1", "A shiftable load of fixed power and duration: INFLEXIBLE, SHIFTABLE or BREAKABLE (MILP); for assets of type process or load."),
    ];

    public static string VersionOf(string scheduler) => All.Single(s => s.Name == scheduler).Version;
}

namespace FlexMeasures.Jobs.Queue;

/// <summary>The named queues workers take jobs from.</summary>
public static class JobQueues
{
    public const string Forecasting = "forecasting";

    public const string Scheduling = "scheduling";

    public const string Reporting = "reporting";

    public static IReadOnlyList<string> All { get; } = [Forecasting, Scheduling, Reporting];
}

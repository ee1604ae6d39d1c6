using Hangfire;

namespace FlexMeasures.Jobs.Queue;

/// <summary>Hangfire's process-wide serialization settings, the same in every process that reads or writes jobs.</summary>
internal static class HangfireDefaults
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 0)
        {
            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
        }
    }
}

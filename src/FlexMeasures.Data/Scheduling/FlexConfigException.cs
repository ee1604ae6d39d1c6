namespace FlexMeasures.Data.Scheduling;

/// <summary>A flex-model, flex-context or scheduling request that cannot be used; nothing was queued or stored.</summary>
public sealed class FlexConfigException(FlexErrors errors) : Exception(string.Join("; ", errors?.Lines ?? []))
{
    public FlexErrors Errors { get; } = errors ?? throw new ArgumentNullException(nameof(errors));
}

namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>
/// Tests that start many processes of their own (the cluster demo: two PostgreSQL clusters, Redis, four platform
/// processes) run after the parallel ones, by themselves: beside them, the worker tests' one-second heartbeats and
/// four-second server timeouts would be missed on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}

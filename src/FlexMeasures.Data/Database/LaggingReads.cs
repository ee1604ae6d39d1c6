using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Charts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Data.Database;

/// <summary>
/// The reads that may lag behind the latest commit (docs/decisions/0020-reads-that-may-lag.md): a handler asks for
/// them with <c>[FromKeyedServices(LaggingReads.Key)]</c> and gets a <see cref="FlexMeasuresDbContext"/>,
/// <see cref="BeliefSearch"/>, <see cref="SeriesReader"/> or <see cref="ChartData"/> on the read replica when
/// <c>FLEXMEASURES_DATABASE_READ_URL</c> is set, and the ordinary ones on the primary when it is not. Everything
/// else (writes, tokens, access checks, jobs, a read right after a write) keeps the unkeyed primary services.
/// </summary>
public static class LaggingReads
{
    /// <summary>The service key of the services that may read from the replica.</summary>
    public const string Key = "lagging-reads";

    internal static void Register(IServiceCollection services, DatabaseConnection? replica)
    {
        if (replica is null)
        {
            // No replica: the keyed services are the scope's primary ones, so a handler pays no second connection.
            services.AddKeyedScoped(Key, (provider, _) => provider.GetRequiredService<FlexMeasuresDbContext>());
            services.AddKeyedScoped(Key, (provider, _) => provider.GetRequiredService<BeliefSearch>());
            services.AddKeyedScoped(Key, (provider, _) => provider.GetRequiredService<SeriesReader>());
            services.AddKeyedScoped(Key, (provider, _) => provider.GetRequiredService<ChartData>());
            return;
        }

        services.AddKeyedSingleton(Key, (provider, _) =>
        {
            var builder = new DbContextOptionsBuilder<FlexMeasuresDbContext>();
            DataServiceCollectionExtensions.UseDatabase(builder, replica, provider);
            // A standby refuses every write; tracking would only cost memory.
            builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            if (provider.GetService<ILoggerFactory>() is { } loggers)
            {
                builder.UseLoggerFactory(loggers);
            }

            return builder.Options;
        });
        services.AddKeyedScoped(Key, (provider, key) => new FlexMeasuresDbContext(provider.GetRequiredKeyedService<DbContextOptions<FlexMeasuresDbContext>>(key)));
        services.AddKeyedScoped(Key, (provider, key) => new BeliefSearch(provider.GetRequiredKeyedService<FlexMeasuresDbContext>(key)));
        services.AddKeyedScoped(Key, (provider, key) => new SeriesReader(
            provider.GetRequiredKeyedService<FlexMeasuresDbContext>(key), provider.GetRequiredKeyedService<BeliefSearch>(key)));
        services.AddKeyedScoped(Key, (provider, key) => new ChartData(
            provider.GetRequiredKeyedService<FlexMeasuresDbContext>(key), provider.GetRequiredKeyedService<BeliefSearch>(key)));
    }
}

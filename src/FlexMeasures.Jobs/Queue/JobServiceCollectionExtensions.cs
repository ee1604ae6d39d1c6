using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Scheduling;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Jobs.Queue;

/// <summary>Wires the job queue and the forecasting services into a host (after <c>AddFlexMeasuresData</c>).</summary>
public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// Registers the queue (Redis from section <c>Redis</c>, else in-process), the forecasting and scheduling services and
    /// Hangfire's client services. Does not start a worker: see <see cref="AddFlexMeasuresWorker"/>.
    /// </summary>
    /// <exception cref="Data.Database.ConfigurationException">A Redis setting is unusable; the message names the variable.</exception>
    public static IServiceCollection AddFlexMeasuresJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = RedisEndpoint.FromOptions(configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions());
        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.WorkerCount is < 1)
        {
            throw new Data.Database.ConfigurationException("Jobs__WorkerCount", "must be at least 1");
        }

        services.AddSingleton(new JobStorageHolder(redis, jobs));
        services.AddSingleton<JobQueueClient>();
        services.Configure<ForecastingOptions>(configuration.GetSection(ForecastingOptions.SectionName));
        services.AddScoped<ForecasterSources>();
        services.AddScoped<WeatherSensors>();
        services.AddScoped<ForecastService>();
        services.AddScoped<ForecastAccuracy>();
        services.AddScoped<SensorBacktest>();
        services.AddScoped<ForecastTrigger>();
        services.AddScoped<ForecastJob>();
        services.Configure<SchedulingOptions>(configuration.GetSection(SchedulingOptions.SectionName));
        services.AddScoped<SchedulePlanner>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<ScheduleJob>();

        // Our own storage and activator first: AddHangfire only adds its (static, process-wide) ones when absent.
        services.AddSingleton(provider => provider.GetRequiredService<JobStorageHolder>().Storage);
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((_, _) => HangfireDefaults.Apply());
        return services;
    }

    /// <summary>True when section <c>Redis</c> names a server (else jobs use the in-process queue).</summary>
    /// <exception cref="Data.Database.ConfigurationException">A Redis setting is unusable.</exception>
    public static bool UsesRedis(IConfiguration configuration) =>
        RedisEndpoint.FromOptions(configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions()) is not null;

    /// <summary>Runs a worker on the given queues in this host (the web host's in-process queue, or <c>jobs run-worker</c>).</summary>
    public static IServiceCollection AddFlexMeasuresWorker(this IServiceCollection services, string name, IReadOnlyList<string> queues)
    {
        services.AddSingleton(new JobServerSettings(name, queues));
        services.AddSingleton<JobServer>();
        services.AddHostedService(provider => provider.GetRequiredService<JobServer>());
        return services;
    }
}

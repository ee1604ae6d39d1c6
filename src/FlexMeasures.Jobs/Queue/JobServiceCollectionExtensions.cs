using FlexMeasures.Data.Configuration;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Reporting;
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
    /// <exception cref="Data.Database.ConfigurationException">A Redis, Jobs or Forecasting setting is unusable; the message names the variable.</exception>
    public static IServiceCollection AddFlexMeasuresJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = RedisEndpoint.FromOptions(OptionsBinding.Bind<RedisOptions>(configuration, RedisOptions.SectionName));
        var jobs = OptionsBinding.Bind<JobsOptions>(configuration, JobsOptions.SectionName);

        services.AddSingleton(new JobStorageHolder(redis, jobs));
        services.AddSingleton<JobQueueClient>();
        services.AddValidatedOptions<ForecastingOptions>(configuration, ForecastingOptions.SectionName);
        services.Configure<ForecastingOptions>(o => o.AllowOverwrite = configuration.GetValue("Beliefs:AllowOverwrite", false));
        services.AddScoped<ForecasterSources>();
        services.AddScoped<WeatherSensors>();
        services.AddScoped<ForecastInputs>();
        services.AddScoped<ForecastService>();
        services.AddScoped<ForecastAccuracy>();
        services.AddScoped<SensorBacktest>();
        services.AddScoped<ForecastTrigger>();
        services.AddScoped<ForecastJob>();
        services.Configure<SchedulingOptions>(configuration.GetSection(SchedulingOptions.SectionName));
        services.AddScoped<SchedulePlanner>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<ScheduleJob>();
        services.AddScoped<ReportJob>();

        // Our own storage and activator first: AddHangfire only adds its (static, process-wide) ones when absent.
        services.AddSingleton(provider => provider.GetRequiredService<JobStorageHolder>().Storage);
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((_, _) => HangfireDefaults.Apply());
        return services;
    }

    /// <summary>True when section <c>Redis</c> names a server (else jobs use the in-process queue).</summary>
    /// <exception cref="Data.Database.ConfigurationException">A Redis setting is unusable.</exception>
    public static bool UsesRedis(IConfiguration configuration) =>
        RedisEndpoint.FromOptions(OptionsBinding.Bind<RedisOptions>(configuration, RedisOptions.SectionName)) is not null;

    /// <summary>Runs a worker on the given queues in this host (the web host's in-process queue, or <c>jobs run-worker</c>).</summary>
    public static IServiceCollection AddFlexMeasuresWorker(this IServiceCollection services, string name, IReadOnlyList<string> queues)
    {
        services.AddSingleton(new JobServerSettings(name, queues));
        services.AddSingleton<JobServer>();
        services.AddHostedService(provider => provider.GetRequiredService<JobServer>());
        return services;
    }
}

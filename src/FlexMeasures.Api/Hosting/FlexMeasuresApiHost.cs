using FlexMeasures.Api.Jobs;
using FlexMeasures.Api.Ops;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Api.Hosting;

/// <summary>Composes the web host: data services, API endpoints, and the URLs to listen on.</summary>
public static class FlexMeasuresApiHost
{
    /// <summary>Builds (but does not start) the web application.</summary>
    public static WebApplication Build(IConfiguration configuration, IEnumerable<string> urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddFlexMeasuresData(configuration);
        builder.Services.AddFlexMeasuresJobs(configuration);
        if (!JobServiceCollectionExtensions.UsesRedis(configuration))
        {
            // The embedded default: no separate workers, so the web host works the in-process queue itself.
            builder.Services.AddFlexMeasuresWorker($"web:{JobServerSettings.DefaultName()}", JobQueues.All);
        }

        builder.Services.AddProblemDetails();

        var app = builder.Build();
        foreach (var url in urls)
        {
            app.Urls.Add(url);
        }

        app.UseExceptionHandler();
        app.UseFlexMeasuresJobsDashboard();
        app.MapFlexMeasuresApi();
        return app;
    }

    /// <summary>Maps every API endpoint.</summary>
    public static IEndpointRouteBuilder MapFlexMeasuresApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpsApi();
        return routes;
    }
}

using FlexMeasures.Api.Access;
using FlexMeasures.Api.Accounts;
using FlexMeasures.Api.Annotations;
using FlexMeasures.Api.Assets;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Charts;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Forecasts;
using FlexMeasures.Api.Jobs;
using FlexMeasures.Api.Ops;
using FlexMeasures.Api.RateLimits;
using FlexMeasures.Api.Schedules;
using FlexMeasures.Api.SensorData;
using FlexMeasures.Api.Sensors;
using FlexMeasures.Api.Sources;
using FlexMeasures.Api.Ui;
using FlexMeasures.Api.Users;
using FlexMeasures.Api.Versions;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace FlexMeasures.Api.Hosting;

/// <summary>Composes the web host: data services, API endpoints, and the URLs to listen on.</summary>
public static class FlexMeasuresApiHost
{
    /// <summary>Builds (but does not start) the web application.</summary>
    /// <param name="replaceServices">
    /// Runs after every registration, so it can replace any service (tests swap in a fake clock or add a command
    /// interceptor); null in production.
    /// </param>
    public static WebApplication Build(IConfiguration configuration, IEnumerable<string> urls, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddConfiguration(configuration);

        // The Server header only tells attackers which software to try.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // A start failure (a port in use) reaches the caller as an exception, which the CLI reports in one line;
        // the host's own log of it would repeat it as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddFlexMeasuresData(configuration);
        builder.Services.AddFlexMeasuresJobs(configuration);
        if (!JobServiceCollectionExtensions.UsesRedis(configuration))
        {
            // The embedded default: no separate workers, so the web host works the in-process queue itself.
            builder.Services.AddFlexMeasuresWorker($"web:{JobServerSettings.DefaultName()}", JobQueues.All);
        }

        builder.Services.AddFlexMeasuresApi(configuration);
        builder.Services.AddFlexMeasuresUi();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        foreach (var url in urls)
        {
            app.Urls.Add(url);
        }

        app.UseFlexMeasuresApi();
        app.UseFlexMeasuresJobsDashboard();
        app.MapFlexMeasuresApi();
        app.MapFlexMeasuresUi();
        return app;
    }

    /// <summary>Registers the API's services: options, token authentication, authorization, error handling.</summary>
    /// <exception cref="ConfigurationException">An API setting is unusable; the message names the variable.</exception>
    public static IServiceCollection AddFlexMeasuresApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFlexMeasuresApiOptions(configuration);
        services.AddSingleton<AuthTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<LoginGate>();

        // Only antiforgery tokens (the UI's forms, the job dashboard's) use data protection, and they need to outlive no process: keys in
        // memory, instead of an unprotected key folder and a warning about it on every start.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<Authorizer>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.UiSchemeName, options => options.LoginPath = UiHost.LoginPath);
        services.AddAuthorization();
        services.AddFlexMeasuresRateLimiting();
        services.AddOpenApi("v3_0", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FlexMeasures API (v3)";
            document.Info.Version = ApiVersions.FlexMeasures;
            document.Info.Description = "FlexMeasures REST API v3. Get a token from POST /api/requestAuthToken and send it raw in the Authorization header.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Checks and registers the API's options sections; also called by every command line command, so a bad API
    /// setting is reported at once, not when the server is next started.
    /// </summary>
    /// <exception cref="ConfigurationException">An API setting is unusable; the message names the variable.</exception>
    public static IServiceCollection AddFlexMeasuresApiOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.SectionName)
            .AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.SectionName)
            .AddValidatedOptions<UiOptions>(configuration, UiOptions.SectionName);

    /// <summary>The middleware: version headers, body limit, JSON errors, authentication.</summary>
    public static WebApplication UseFlexMeasuresApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limit = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ApiVersions.FlexMeasuresHeader] = ApiVersions.FlexMeasures;
                context.Response.Headers[ApiVersions.DotnetHeader] = ApiVersions.Dotnet;
                SecurityHeaders.Add(context.Response);
                return Task.CompletedTask;
            });
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.Response.WriteAsJsonAsync(ApiErrors.PayloadTooLarge(limit), context.RequestAborted);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(context);
        });
        app.UseExceptionHandler();
        app.Use(OutageRetry.InvokeAsync);
        app.UseFlexMeasuresUiFiles();
        app.UseWhen(context => !UiHost.IsUiRequest(context), api => api.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            await response.WriteAsJsonAsync(ApiErrors.Http(response.StatusCode), status.HttpContext.RequestAborted);
        }));
        app.UseRouting();
        app.UseAuthentication();
        app.Use(SessionCookie.RequireAntiforgeryAsync);
        app.UseFlexMeasuresRateLimiting();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps every API endpoint.</summary>
    public static IEndpointRouteBuilder MapFlexMeasuresApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/api/openapi/{documentName}.json");
        routes.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern("/api/openapi/{documentName}.json").AddDocument("v3_0"));
        routes.MapOpsApi();
        routes.MapVersionsApi();
        routes.MapAuthApi();
        var v3 = routes.MapGroup("/api/v3_0").RequireAuthorization();
        v3.MapGroup("/sensors").WithTags("Sensors").MapSensorDataApi().MapSensorsApi().MapSensorStatusApi().MapForecastsApi().MapSensorSchedulesApi()
            .MapAnnotationsApi(AnnotatedKind.Sensor).MapSensorChartDataApi();
        v3.MapGroup("/jobs").WithTags("Jobs").MapJobsApi();
        v3.MapGroup("/assets").WithTags("Assets").MapAssetsApi().MapAssetSchedulesApi().MapAssetJobsApi().MapAnnotationsApi(AnnotatedKind.Asset).MapAssetChartDataApi();
        v3.MapGroup("/accounts").WithTags("Accounts").MapAccountsApi().MapAnnotationsApi(AnnotatedKind.Account);
        v3.MapGroup("/users").WithTags("Users").MapUsersApi();
        v3.MapGroup("/sources").WithTags("Sources").MapSourcesApi();
        return routes;
    }
}

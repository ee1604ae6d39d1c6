using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Ui;

/// <summary>
/// The web UI: Razor Pages under <c>Ui/Pages</c>, served by the same host as the API, signed in with the session
/// cookie (<see cref="SessionCookie"/>), its static files embedded in this assembly (docs/decisions/0027-web-ui.md).
/// </summary>
internal static class UiHost
{
    /// <summary>The authorization policy of every page but the login and error pages.</summary>
    public const string PolicyName = "Ui";

    public const string LoginPath = "/login";

    /// <summary>Requests the API or the job dashboard answer (in JSON, or Hangfire's pages): everything else is the UI's.</summary>
    public static bool IsUiRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api") && !path.StartsWithSegments(JobsDashboard.Path);
    }

    /// <summary>The pages, their authorization and antiforgery; <see cref="UiOptions"/> are registered with the API's options.</summary>
    public static IServiceCollection AddFlexMeasuresUi(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(TokenAuthenticationHandler.UiSchemeName)
            .RequireAuthenticatedUser());
        services.AddAntiforgery(options =>
        {
            options.HeaderName = SessionCookie.AntiforgeryHeader;
            options.Cookie.Name = "fm_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Ui/Pages";
                options.Conventions.AuthorizeFolder("/", PolicyName);
                options.Conventions.AllowAnonymousToPage("/Login");
                options.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddMvcOptions(options => options.Filters.Add<UiExceptionFilter>())
            .AddApplicationPart(typeof(UiHost).Assembly);
        return services;
    }

    /// <summary>
    /// Static files (before routing), then HTML status pages for UI requests; the API's JSON status pages are
    /// registered by the caller for the rest.
    /// </summary>
    public static WebApplication UseFlexMeasuresUiFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new ManifestEmbeddedFileProvider(typeof(UiHost).Assembly, "Ui/wwwroot");

        // The tag helpers' asp-append-version looks files up here.
        app.Environment.WebRootFileProvider = files;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Versioned URLs (?v=hash) never change content: cache them for a year; the rest briefly.
                context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=300";
            },
        });
        app.UseWhen(IsUiRequest, ui =>
        {
            var options = app.Services.GetRequiredService<IOptions<UiOptions>>().Value;
            ui.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    AddContentSecurityPolicy(context.Response, options);
                    return Task.CompletedTask;
                });
                return next(context);
            });
            ui.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        return app;
    }

    /// <summary>The pages' own security headers: scripts and styles from this site only.</summary>
    public static void AddContentSecurityPolicy(HttpResponse response, UiOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        var tiles = options.MapTileUrl is { } url && Uri.TryCreate(url.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? $" {uri.GetLeftPart(UriPartial.Authority).Replace(uri.Host, TileHostPattern(uri.Host), StringComparison.Ordinal)}"
            : string.Empty;

        // Charts and maps set element styles from script (allowed); 'unsafe-inline' for styles covers the style
        // attributes the libraries write into markup. No inline script runs anywhere.
        response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:{tiles}; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
    }

    /// <summary>Tile servers spread over subdomains ({s}.tile.example): allow them all.</summary>
    private static string TileHostPattern(string host) =>
        host.StartsWith('s') && host.Length > 1 && host[1] == '.' ? "*" + host[1..] : host;

    public static IEndpointRouteBuilder MapFlexMeasuresUi(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorPages();
        return routes;
    }
}

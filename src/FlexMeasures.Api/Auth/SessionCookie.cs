using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// The web UI's login session: the API's own signed token (<see cref="AuthTokens"/>) in an HttpOnly cookie, so a
/// session dies exactly when a token would (expiry, password reset, deactivation) and every server process that
/// shares <c>SECRET_KEY</c> accepts it.
/// </summary>
/// <remarks>
/// A cookie is sent by the browser on its own, so a cookie-authenticated request that changes something must prove it
/// comes from our pages: forms carry an antiforgery field (Razor Pages check it), scripts the antiforgery header
/// (<see cref="RequireAntiforgeryAsync"/> checks it on API calls). A token in the <c>Authorization</c> header needs
/// no such proof: no browser adds it by itself.
/// </remarks>
internal static class SessionCookie
{
    public const string Name = "fm_session";

    /// <summary>The header the UI's scripts send the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public const string MissingProofMessage =
        "A request authenticated by the session cookie must carry the page's antiforgery token (header " + AntiforgeryHeader + ").";

    /// <summary>Marks (in <see cref="HttpContext.Items"/>) a request that was authenticated by the cookie.</summary>
    public static readonly object UsedKey = new();

    public static void Append(HttpContext http, string token, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(Name, token, Options(http, lifetime));
    }

    public static void Delete(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Name, Options(http, null));
    }

    /// <summary>
    /// Answers 403 to a state-changing API request authenticated by the cookie without a valid antiforgery token;
    /// runs after authentication.
    /// </summary>
    public static async Task RequireAntiforgeryAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.Request;
        if (context.Items.ContainsKey(UsedKey)
            && request.Path.StartsWithSegments("/api")
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)))
        {
            var antiforgery = context.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
            if (antiforgery is null || !await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(ApiErrors.Forbidden(MissingProofMessage), context.RequestAborted);
                return;
            }
        }

        await next(context);
    }

    private static CookieOptions Options(HttpContext http, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        MaxAge = lifetime,
    };
}

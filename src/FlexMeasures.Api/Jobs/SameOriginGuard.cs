using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Jobs;

/// <summary>
/// Refuses state-changing requests to the job dashboard that a browser did not send from the dashboard itself. The
/// dashboard takes HTTP Basic credentials, which a browser attaches to any site's form post as well, so without this
/// check another site could requeue or delete jobs in an admin's name (cross-site request forgery).
/// </summary>
/// <remarks>
/// The proof is <c>Sec-Fetch-Site: same-origin</c>, which browsers add and pages cannot forge, or, from clients that do
/// not send it, an <c>Origin</c> (else <c>Referer</c>) naming this host. A request with none of them is refused:
/// scripts use <c>flexmeasures jobs</c> instead. Behind a proxy, the proxy must pass the original <c>Host</c> on.
/// </remarks>
internal static class SameOriginGuard
{
    public const string RefusedMessage = "State-changing requests to the job dashboard must come from the dashboard itself (same origin).";

    /// <summary>True for a request that changes nothing (GET, HEAD, OPTIONS) or that proves it comes from this site.</summary>
    public static bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return true;
        }

        if (request.Headers.TryGetValue("Sec-Fetch-Site", out var site))
        {
            return site.ToString() == "same-origin";
        }

        var claimed = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : request.Headers.Referer.ToString();
        return Uri.TryCreate(claimed, UriKind.Absolute, out var uri)
            && request.Host.HasValue
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Answers 403 to dashboard requests that <see cref="Allows"/> refuses.</summary>
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!Allows(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(ApiErrors.Forbidden(RefusedMessage), context.RequestAborted);
            return;
        }

        await next(context);
    }
}

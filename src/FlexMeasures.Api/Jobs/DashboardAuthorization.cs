using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Users;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Jobs;

/// <summary>
/// Who may see the job dashboard: the API's token, or HTTP Basic authentication with a user's email and password; users with role
/// <c>admin</c> get the full dashboard, <c>admin-reader</c> a read-only one, anyone else 403, no or wrong
/// credentials 401 with a Basic challenge.
/// </summary>
/// <remarks>
/// Basic, not the API's token: the dashboard is a set of pages a browser opens, and a browser can send Basic
/// credentials but not a raw token header. Use it over HTTPS only.
/// </remarks>
internal sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string Realm = "FlexMeasures jobs";

    private const string AuthenticationType = "Basic";

    private static readonly object ThrottledKey = new();

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();

        // An API token (authenticated by the API's handler earlier in the pipeline) will do as well as Basic.
        (int Id, IEnumerable<string> Roles)? user = http.Items[typeof(ApiUser)] is ApiUser tokenUser
            ? (tokenUser.Id, tokenUser.Roles)
            : await AuthenticateAsync(http) is { } basicUser ? (basicUser.Id, basicUser.Roles.Select(r => r.Name)) : null;
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
            return false;
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        claims.AddRange(user.Value.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        http.User = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
        return http.User.IsInRole(UserRoles.Admin) || http.User.IsInRole(UserRoles.AdminReader);
    }

    /// <summary>Read-only for everyone but admins (evaluated after <see cref="AuthorizeAsync"/> set the user).</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        !context.GetHttpContext().User.IsInRole(UserRoles.Admin);

    private static async Task<User?> AuthenticateAsync(HttpContext http)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals(AuthenticationType, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var outcome = await http.RequestServices.GetRequiredService<LoginGate>().TryAsync(http, credentials[..colon], credentials[(colon + 1)..], http.RequestAborted);
        if (outcome.RetryAfter is { } wait)
        {
            http.Items[ThrottledKey] = wait;
        }

        return outcome.User;
    }

    /// <summary>
    /// Turns the dashboard's 401 for a throttled login into 429 with <c>Retry-After</c> (Hangfire answers a refused
    /// authorization itself, with 401 or 403, so this runs around it).
    /// </summary>
    public static async Task ThrottledAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        if (context.Items[ThrottledKey] is TimeSpan wait && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            await context.Response.WriteAsJsonAsync(ApiErrors.Http(StatusCodes.Status429TooManyRequests, AuthApi.TooManyFailuresMessage), context.RequestAborted);
        }
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// Authenticates by the raw token in the <c>Authorization</c> header (FlexMeasures sends no scheme word; a
/// <c>Bearer</c> prefix is tolerated) or, without that header, by the same kind of token in the web UI's session
/// cookie (<see cref="SessionCookie"/>). The API scheme answers 401 and 403 in FlexMeasures' JSON; the UI scheme
/// sends a browser to the login page instead.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<TokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthTokens tokens,
    FlexMeasuresDbContext db)
    : AuthenticationHandler<TokenAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "FlexMeasuresToken";

    /// <summary>The web UI's pages: the same authentication, but a challenge redirects to the login page.</summary>
    public const string UiSchemeName = "FlexMeasuresUi";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString().Trim();
        var fromCookie = header.Length == 0;
        var token = fromCookie
            ? Request.Cookies[SessionCookie.Name]
            : header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header;
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (tokens.Read(token) is not { } claims)
        {
            return AuthenticateResult.Fail("invalid or expired token");
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == claims.UserId && u.Active && u.FsUniquifier == claims.Uniquifier)
            .Select(u => new
            {
                u.Id,
                Name = u.Username ?? u.Email,
                u.AccountId,
                u.Account!.ConsultancyAccountId,
                u.Timezone,
                Roles = u.Roles.Select(r => r.Name).ToList(),
                AccountRoles = u.Account.AccountRoles.Select(r => r.Name).ToList(),

                // In the same statement: the rate limiter asks for it on every request.
                Plan = db.Plans.Where(p => p.Id == u.Account.PlanId).Select(p => new PlanLimits(p.DefaultRateLimit, p.TriggerRateLimit, p.RateLimitKey)).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("token of a deactivated user or revoked by a password reset");
        }

        var apiUser = new ApiUser(user.Id, user.Name, user.AccountId, user.ConsultancyAccountId, user.Roles.ToHashSet(), user.AccountRoles.ToHashSet())
        {
            Plan = user.Plan,
            Timezone = user.Timezone,
        };
        Context.Items[typeof(ApiUser)] = apiUser;
        if (fromCookie)
        {
            Context.Items[SessionCookie.UsedKey] = true;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Options.LoginPath is { } login)
        {
            Response.Redirect(login + QueryString.Create("returnUrl", Request.PathBase + Request.Path + Request.QueryString));
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(ApiErrors.Unauthorized(), Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Options.LoginPath is not null)
        {
            // The UI's status-code pages render the page.
            return;
        }

        await Response.WriteAsJsonAsync(ApiErrors.Forbidden(), Context.RequestAborted);
    }
}

/// <summary>Options of <see cref="TokenAuthenticationHandler"/>.</summary>
internal sealed class TokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Where a challenge sends a browser (the UI scheme); null: answer 401 in JSON (the API scheme).</summary>
    public string? LoginPath { get; set; }
}

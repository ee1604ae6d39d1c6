using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Ui.Pages;

/// <summary>
/// The login form: the same users, passwords, throttling and audit as <c>POST /api/requestAuthToken</c>
/// (<see cref="LoginGate"/>), ending in the session cookie.
/// </summary>
internal sealed class LoginModel(LoginGate gate, UserService users, AuthTokens tokens, IOptions<ApiOptions> api) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() =>
        HttpContext.Items.ContainsKey(typeof(ApiUser)) ? LocalRedirect(Destination) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Please enter your email and password.");
        }

        var outcome = await gate.TryAsync(HttpContext, Email.Trim(), Password, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed logins; try again in {RetryAfter.Seconds(wait)} seconds.");
        }

        if (outcome.User is not { } user)
        {
            return Refuse(StatusCodes.Status401Unauthorized, AuthApi.WrongCredentialsMessage);
        }

        await users.RecordLoginAsync(user.Id, cancellationToken);
        SessionCookie.Append(HttpContext, tokens.Issue(user.Id, user.FsUniquifier), TimeSpan.FromSeconds(api.Value.TokenMaxAgeSeconds));
        return LocalRedirect(Destination);
    }

    /// <summary>Only a path of this site: a login link must not send the user elsewhere (open redirect).</summary>
    private string Destination => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith(UiHost.LoginPath, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";

    private PageResult Refuse(int status, string problem)
    {
        Password = null;
        Problem = problem;

        // The form again, with the reason; the status lets scripts and tests tell.
        Response.StatusCode = status;
        return Page();
    }
}

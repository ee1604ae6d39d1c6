using FlexMeasures.Api.Auth;
using Microsoft.AspNetCore.Mvc;

namespace FlexMeasures.Api.Ui.Pages;

/// <summary>
/// Ends the browser's session: a POST with the antiforgery field (a link on another site cannot log a user out); a
/// GET shows the button.
/// </summary>
internal sealed class LogoutModel : UiPageModel
{
    public IActionResult OnPost()
    {
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(UiHost.LoginPath);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FlexMeasures.Api.Ui.Pages;

/// <summary>The page a UI request's error status is rendered as (re-executed by the status-code pages).</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    // A failed POST is re-executed as a POST.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // The re-executed request keeps the original status; a direct visit of /error/404 shows the page with 404.
        Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        (Title, Explanation) = Response.StatusCode switch
        {
            StatusCodes.Status403Forbidden => ("Access denied", "Your account may not see this page or does not own what it shows."),
            StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address, or it was removed."),
            StatusCodes.Status400BadRequest => ("Bad request", "The form was stale or incomplete: go back, reload the page and try again."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Please wait a moment and try again."),
            StatusCodes.Status503ServiceUnavailable => ("Unavailable", "The database cannot be reached right now; try again shortly."),
            _ => ("Error", $"The server answered {Response.StatusCode}."),
        };
    }
}

using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Hosting;

/// <summary>Headers every response carries, the API's as well as the job dashboard's pages.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// No page may be framed by another site (clickjacking of the dashboard's buttons), and browsers must not guess a
    /// content type other than the one sent.
    /// </summary>
    public static void Add(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XFrameOptions = "DENY";
        if (!response.Headers.ContainsKey("Content-Security-Policy"))
        {
            // The UI's pages set a fuller policy of their own (UiHost), which includes this.
            response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        }

        response.Headers.XContentTypeOptions = "nosniff";
    }
}

using System.Net;
using System.Text.RegularExpressions;
using FlexMeasures.Api.Auth;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>
/// A signed-in browser without the browser, for page tests where Chromium adds nothing: the session cookie holding
/// the user's token, the antiforgery cookie and form field as a browser sends them, redirects not followed.
/// </summary>
internal sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _client;

    private PageSession(HttpClient client) => _client = client;

    public static async Task<PageSession> StartAsync(ApiWorld world, string user)
    {
        ArgumentNullException.ThrowIfNull(world);
        var baseAddress = world.Client.BaseAddress!;
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(SessionCookie.Name, await world.TokenAsync(user)));
#pragma warning disable CA2000 // The client owns and disposes the handler.
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
#pragma warning restore CA2000
        return new PageSession(new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress });
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Loads <paramref name="formPage"/> for its antiforgery token (the layout's, which every form of the page carries
    /// too), then posts <paramref name="fields"/> with it to <paramref name="path"/>, as that page's form would.
    /// </summary>
    /// <returns>The status, the redirect target if any, and the body.</returns>
    public async Task<(HttpStatusCode Status, string? Location, string Html)> PostFormAsync(string formPage, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (status, html) = await GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"{formPage} carries no antiforgery token.");
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex AntiforgeryField();
}

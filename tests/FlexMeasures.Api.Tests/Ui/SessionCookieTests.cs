using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The login form and its session cookie over plain HTTP (what a browser would add nothing to).</summary>
public sealed partial class SessionCookieTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task LoginForm_SetsAnHttpOnlyLaxSessionCookie_AndGoesToTheLocalReturnUrl(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var browser = new CookieClient(world);

        using var response = await browser.SubmitLoginAsync("supplier", ApiWorld.Password, returnUrl: "/users?x=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/users?x=1", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.Ordinal);

        // Plain HTTP here: a Secure cookie would never come back.
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/login")]
    public async Task LoginForm_GoesToTheDashboard_WhenTheReturnUrlLeavesTheSiteOrLoops(string returnUrl)
    {
        var world = await worlds.GetAsync(DatabaseProvider.Sqlite);
        using var browser = new CookieClient(world);

        using var response = await browser.SubmitLoginAsync("supplier", ApiWorld.Password, returnUrl);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [BothProviders]
    public async Task LoginForm_IsRefused_WithoutItsAntiforgeryField(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var browser = new CookieClient(world);

        using var response = await browser.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "supplier@example.org",
            ["Password"] = ApiWorld.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal)));
        Assert.Contains("<h1>Bad request</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task LoginForm_Answers429WithRetryAfter_AfterTooManyWrongPasswords(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["Api__LoginMaxFailuresPerAccount"] = "2" });
        using var browser = new CookieClient(world);

        using var first = await browser.SubmitLoginAsync("other", "wrong", null);
        using var second = await browser.SubmitLoginAsync("other", "wrong", null);
        using var third = await browser.SubmitLoginAsync("other", ApiWorld.Password, null);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed logins", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task SessionCookie_AuthenticatesApiReads_AndWritesOnlyWithTheAntiforgeryHeader(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var browser = new CookieClient(world);
        using var login = await browser.SubmitLoginAsync("supplier", ApiWorld.Password, null);
        var csrf = CsrfMeta().Match(await browser.Http.GetStringAsync("/")).Groups[1].Value;
        var path = $"/api/v3_0/sensors/{world.GasSensor.Id}/annotations";
        string Body() => """{"content": "cookie test", "start": "2025-01-01T00:00:00+00:00", "end": "2025-01-01T01:00:00+00:00"}""";

        using var read = await browser.Http.GetAsync($"/api/v3_0/sensors/{world.GasSensor.Id}");
        using var unproven = await browser.Http.PostAsync(path, new StringContent(Body(), Encoding.UTF8, "application/json"));
        using var proven = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Body(), Encoding.UTF8, "application/json") };
        proven.Headers.Add(SessionCookie.AntiforgeryHeader, csrf);
        using var written = await browser.Http.SendAsync(proven);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unproven.StatusCode);
        Assert.Contains(SessionCookie.AntiforgeryHeader, await unproven.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(csrf);
        Assert.True(written.IsSuccessStatusCode, $"{written.StatusCode}: {await written.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("admin-reader", HttpStatusCode.OK)]
    [InlineData("supplier", HttpStatusCode.Forbidden)]
    public async Task SessionCookie_OpensTheJobDashboard_ByItsRoleRules(string user, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(DatabaseProvider.Sqlite);
        using var browser = new CookieClient(world);
        using var login = await browser.SubmitLoginAsync(user, ApiWorld.Password, null);

        using var response = await browser.Http.GetAsync("/tasks");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task UnknownAddresses_AreAnHtmlPageForPeople_AndJsonUnderApi(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var browser = new CookieClient(world);
        using var login = await browser.SubmitLoginAsync("supplier", ApiWorld.Password, null);

        using var page = await browser.Http.GetAsync("/no/such/page");
        using var api = await browser.Http.GetAsync("/api/v3_0/no/such/endpoint");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not found</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [BothProviders]
    public async Task Pages_SendTheirContentSecurityPolicy_AndNoInlineScript(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var browser = new CookieClient(world);
        using var login = await browser.SubmitLoginAsync("supplier", ApiWorld.Password, null);

        using var response = await browser.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);

        // Every script element has a src, or is data (JSON) that no browser runs (the dashboard has both: its map).
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Matches("src=|type=\"application/json\"", tag.Value));
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    /// <summary>An HTTP client with a cookie jar that does not follow redirects: a browser without the rendering.</summary>
    private sealed partial class CookieClient : IDisposable
    {
        public CookieClient(ApiWorld world) =>
            Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = world.Client.BaseAddress };

        public HttpClient Http { get; }

        /// <summary>Opens the login form (for its antiforgery field and cookie) and submits it.</summary>
        public async Task<HttpResponseMessage> SubmitLoginAsync(string user, string password, string? returnUrl)
        {
            var form = await Http.GetStringAsync("/login");
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
                ["Email"] = $"{user}@example.org",
                ["Password"] = password,
            };
            if (returnUrl is not null)
            {
                fields["ReturnUrl"] = returnUrl;
            }

            return await Http.PostAsync("/login", new FormUrlEncodedContent(fields));
        }

        public void Dispose() => Http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();
    }
}

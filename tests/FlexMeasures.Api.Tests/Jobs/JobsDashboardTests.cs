using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Jobs;

public sealed class JobsDashboardTests
{
    private const string Password = "a long enough password";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("plain@example.org", HttpStatusCode.Forbidden)]
    [InlineData("reader@example.org", HttpStatusCode.OK)]
    [InlineData("admin@example.org", HttpStatusCode.OK)]
    public async Task Dashboard_AdmitsOnlyAdminsAndAdminReaders(string? email, HttpStatusCode expected)
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var response = await server.Client.SendAsync(Request(HttpMethod.Get, "/tasks", email));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        else if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("FlexMeasures jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboard_RefusesActions_ToAdminReaders_AndAllowsThemToAdmins()
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var reader = await server.Client.SendAsync(SameOrigin(server, Request(HttpMethod.Post, "/tasks/jobs/enqueued/delete", "reader@example.org")));
        using var admin = await server.Client.SendAsync(SameOrigin(server, Request(HttpMethod.Post, "/tasks/jobs/enqueued/delete", "admin@example.org")));
        using var wrongPassword = await server.Client.SendAsync(Request(HttpMethod.Get, "/tasks", "admin@example.org", "not the password"));

        Assert.Equal(HttpStatusCode.Unauthorized, reader.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
    }

    [Theory]
    [InlineData("plain@example.org", HttpStatusCode.Forbidden)]
    [InlineData("admin@example.org", HttpStatusCode.OK)]
    public async Task Dashboard_AcceptsTheApiToken_WithTheSameRoleRules(string email, HttpStatusCode expected)
    {
        await using var database = await UsersDatabaseAsync();
        var configuration = Data.Configuration.FlexMeasuresConfiguration.Build(new Dictionary<string, string?>(database.Environment) { ["SECRET_KEY"] = "dashboard test key" });
        await using var server = await ApiServer.StartAsync(configuration);
        using var login = await server.Client.PostAsync(
            new Uri("/api/requestAuthToken", UriKind.Relative),
            new StringContent($$"""{"email": "{{email}}", "password": "{{Password}}"}""", Encoding.UTF8, "application/json"));
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("auth_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/tasks", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", token);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("cross-site", null, null)]
    [InlineData("same-site", null, null)]
    [InlineData(null, "https://evil.example", null)]
    [InlineData(null, "null", null)]
    [InlineData(null, null, "https://evil.example/tasks")]
    public async Task Dashboard_RefusesStateChangingRequests_WithoutASameOriginProof(string? fetchSite, string? origin, string? referer)
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);
        using var request = Request(HttpMethod.Post, "/tasks/jobs/enqueued/delete", "admin@example.org");
        AddHeader(request, "Sec-Fetch-Site", fetchSite);
        AddHeader(request, "Origin", origin);
        AddHeader(request, "Referer", referer);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("same origin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same-origin", null, null)]
    [InlineData(null, "origin", null)]
    [InlineData(null, null, "referer")]
    public async Task Dashboard_AcceptsStateChangingRequests_FromItsOwnPages(string? fetchSite, string? origin, string? referer)
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);
        var own = server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        using var request = Request(HttpMethod.Post, "/tasks/jobs/enqueued/delete", "admin@example.org");
        AddHeader(request, "Sec-Fetch-Site", fetchSite);
        AddHeader(request, "Origin", origin is null ? null : own);
        AddHeader(request, "Referer", referer is null ? null : own + "/tasks/jobs/enqueued");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("/tasks")]
    [InlineData("/api/ops/ping")]
    [InlineData("/api/v3_0/sensors")]
    [InlineData("/no/such/page")]
    public async Task EveryResponse_ForbidsFramingAndSniffing_AndNamesNoServer(string path)
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var response = await server.Client.SendAsync(Request(HttpMethod.Get, path, "admin@example.org"));

        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task RequestAuthToken_AnswersAreNeverCached()
    {
        await using var database = await UsersDatabaseAsync();
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var ok = await server.Client.PostAsync(
            new Uri("/api/requestAuthToken", UriKind.Relative),
            new StringContent($$"""{"email": "admin@example.org", "password": "{{Password}}"}""", Encoding.UTF8, "application/json"));
        using var refused = await server.Client.PostAsync(
            new Uri("/api/requestAuthToken", UriKind.Relative),
            new StringContent("""{"email": "admin@example.org", "password": "not the password"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(ok.Headers.CacheControl?.NoStore);
        Assert.True(refused.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Dashboard_Is429WithRetryAfter_AfterTooManyWrongPasswords()
    {
        await using var database = await UsersDatabaseAsync();
        var configuration = Data.Configuration.FlexMeasuresConfiguration.Build(new Dictionary<string, string?>(database.Environment) { ["Api__LoginMaxFailuresPerAccount"] = "3" });
        await using var server = await ApiServer.StartAsync(configuration);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await server.Client.SendAsync(Request(HttpMethod.Get, "/tasks", "admin@example.org", "not the password"));
            statuses.Add(wrong.StatusCode);
        }

        using var right = await server.Client.SendAsync(Request(HttpMethod.Get, "/tasks", "admin@example.org"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.InRange(right.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
    }

    private static HttpRequestMessage SameOrigin(ApiServer server, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Origin", server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return request;
    }

    private static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    [Fact]
    public async Task Dashboard_TitlesForecastJobs_WithTheSensorsNameAndIsoTimes()
    {
        await using var database = await UsersDatabaseAsync();
        int sensorId;
        string sensorName;
        await using (var db = database.CreateContext())
        {
            var structure = await TestStructure.CreateAsync(db, "dashboard");
            (sensorId, sensorName) = (structure.Sensor.Id, structure.Sensor.Name);
        }

        await using var server = await ApiServer.StartAsync(database.Configuration);
        var id = server.Services.GetRequiredService<JobQueueClient>().EnqueueForecast(
            new ForecastRun(sensorId, new DateTime(1972, 1, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(1972, 1, 4, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(2)));

        using var response = await server.Client.SendAsync(Request(HttpMethod.Get, $"/tasks/jobs/details/{id}", "admin@example.org"));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Forecast '{sensorName}' (sensor {sensorId}), 1972-01-03T00:00Z to 1972-01-04T00:00Z, horizon P2D, auto", page, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? email, string password = Password)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (email is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}")));
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "no-such-job")]);
        }

        return request;
    }

    private static async Task<TestDatabase> UsersDatabaseAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var scope = database.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("Dashboard test", [], null, actor: null, CancellationToken.None);
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        foreach (var (name, roles) in new[] { ("plain", Array.Empty<string>()), ("reader", [UserRoles.AdminReader]), ("admin", [UserRoles.Admin]) })
        {
            await users.CreateAsync(new NewUser(name, $"{name}@example.org", account.Id, Password, roles, "Europe/Amsterdam"), CancellationToken.None);
        }

        return database;
    }
}

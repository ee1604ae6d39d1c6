using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Auth;

public sealed class AuthApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task RequestAuthToken_GivesATokenThatAuthenticatesRaw(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null,
            new JsonObject { ["email"] = "supplier@example.org", ["password"] = ApiWorld.Password });
        var token = body!["auth_token"]!.GetValue<string>();
        var (read, _) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2021-05-02T00:00:00%2B02:00&duration=PT1H&unit=m%C2%B3/h", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(world.Users["supplier"].Id, body["user_id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, read);
    }

    [Theory]
    [BothProviders]
    public async Task RequestAuthToken_CountsLogins_AndNotesTheLastOne(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 2, 29, 23, 59, 0, TimeSpan.Zero));
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        var login = new JsonObject { ["email"] = "other@example.org", ["password"] = ApiWorld.Password };

        await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, login);
        clock.Advance(TimeSpan.FromMinutes(2));
        await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, login.DeepClone());
        await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "other@example.org", ["password"] = "wrong password" });

        await using var db = world.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "other@example.org");
        Assert.Equal(2, user.LoginCount);
        Assert.Equal(new DateTime(2024, 3, 1, 0, 1, 0, DateTimeKind.Utc), user.LastLoginAt);
    }

    public static IEnumerable<object[]> BadLogins() => ProviderCases.Cross(
        ["{\"email\": \"supplier@example.org\", \"password\": \"wrong password\"}", "application/json", 401],
        ["{\"email\": \"nobody@example.org\", \"password\": \"whatever it is\"}", "application/json", 401],
        ["{\"password\": \"whatever it is\"}", "application/json", 400],
        ["{\"email\": \"supplier@example.org\"}", "application/json", 400],
        ["email=supplier@example.org", "application/x-www-form-urlencoded", 400],
        ["{not json", "application/json", 400],
        ["[\"supplier@example.org\"]", "application/json", 400],
        ["{\"email\": \"' OR 1=1 --\", \"password\": \"' OR 1=1 --\"}", "application/json", 401]);

    [Theory]
    [MemberData(nameof(BadLogins))]
    public async Task RequestAuthToken_IsRefusedWithJsonErrors_WhenTheLoginIsBad(DatabaseProvider provider, string content, string contentType, int expected)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Post, "/api/requestAuthToken", null, content, contentType);
        var body = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.NotEmpty(body!["errors"]!.AsArray());
        Assert.NotNull(body["message"]);
        Assert.Null(body["auth_token"]);
    }

    [Theory]
    [BothProviders]
    public async Task Token_Is401_AfterAPasswordReset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var email = await NewUserAsync(world, $"{provider}-reset");
        var token = await LoginAsync(world, email);

        using (var scope = world.Database.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserService>().SetPasswordAsync(email, "another long password", CancellationToken.None);
        }

        var (status, body) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHORIZED", body!["status"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Token_Is401_WhenTheUserIsDeactivated(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var email = await NewUserAsync(world, $"{provider}-inactive");
        var token = await LoginAsync(world, email);
        var (before, _) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", token);

        await using (var db = world.Database.CreateContext())
        {
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, false));
        }

        var (after, _) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", token);
        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Theory]
    [BothProviders]
    public async Task Token_Is401_WhenTampered(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var token = await world.TokenAsync("supplier");
        var parts = token.Split('.');
        parts[0] = world.Users["admin"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (status, _) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/sensors", string.Join('.', parts));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [BothProviders]
    public async Task RequestAuthToken_AnswersUnknownEmailsAsWrongPasswords(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        using var unknown = await world.SendRawAsync(HttpMethod.Post, "/api/requestAuthToken", null, """{"email": "nobody-at-all@example.org", "password": "some password"}""", "application/json");
        using var wrong = await world.SendRawAsync(HttpMethod.Post, "/api/requestAuthToken", null, """{"email": "consultant@example.org", "password": "some password"}""", "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task RequestAuthToken_Is429WithRetryAfter_AfterTooManyFailuresForAnAccount_AndAuditsThem(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["Api__LoginMaxFailuresPerAccount"] = "3" });
        const string wrongPassword = "guess number one";

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "other@example.org", ["password"] = wrongPassword })).Status);
        }

        using var right = await world.SendRawAsync(HttpMethod.Post, "/api/requestAuthToken", null, $$"""{"email": "other@example.org", "password": "{{ApiWorld.Password}}"}""", "application/json");
        var body = await ApiWorld.ReadJsonAsync(right);
        var (someoneElse, _) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "supplier@example.org", ["password"] = ApiWorld.Password });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.InRange(right.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.NotEmpty(body!["errors"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, someoneElse);
        await using var db = world.Database.CreateContext();
        var audited = await db.AuditLogs.Where(a => a.Event.StartsWith("Failed login")).ToListAsync();
        Assert.Equal(3, audited.Count);
        Assert.All(audited, a => Assert.Equal(world.Users["other"].Id, a.AffectedUserId));
        Assert.All(audited, a => Assert.DoesNotContain(wrongPassword, a.Event, StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task RequestAuthToken_Is429_AfterTooManyFailuresFromOneAddress(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["Api__LoginMaxFailuresPerAddress"] = "4" });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add((await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = $"sprayed{attempt}@example.org", ["password"] = "a common password" })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<string> NewUserAsync(ApiWorld world, string name)
    {
        using var scope = world.Database.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserService>()
            .CreateAsync(new NewUser(name, $"{name}@example.org", world.Supplier.Id, ApiWorld.Password, []), CancellationToken.None);
        return user.Email;
    }

    private static async Task<string> LoginAsync(ApiWorld world, string email)
    {
        var (_, body) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = email, ["password"] = ApiWorld.Password });
        return body!["auth_token"]!.GetValue<string>();
    }
}

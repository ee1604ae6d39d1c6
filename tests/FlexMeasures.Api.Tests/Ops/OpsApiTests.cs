using System.Net;
using System.Text.Json;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.TaskRuns;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Ops;

public sealed class OpsApiTests
{
    [Fact]
    public async Task Ping_AnswersOk()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var response = await server.Client.GetAsync(new Uri("/api/ops/ping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"message":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Ready_Is200_WhenTheDatabaseAnswers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var server = await ApiServer.StartAsync(database.Configuration);

        using var response = await server.Client.GetAsync(new Uri("/api/v3_0/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("database_sql").GetBoolean());
    }

    [Fact]
    public async Task Ready_Is503_WhenTheDatabaseIsUnreachable()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = "postgresql://fm:fm@127.0.0.1:1/fm?Timeout=2",
        });
        await using var server = await ApiServer.StartAsync(configuration);

        using var response = await server.Client.GetAsync(new Uri("/api/v3_0/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("database_sql").GetBoolean());
        Assert.False(body.RootElement.GetProperty("accepts_data").GetBoolean());
    }

    [Fact]
    public async Task Ready_ReportsRedis_WhenAJobQueueIsConfigured()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var up = new Dictionary<string, string?>(database.Environment);
        foreach (var (key, value) in await TestServices.RedisEnvironmentAsync())
        {
            up[key] = value;
        }

        var down = new Dictionary<string, string?>(database.Environment) { ["FLEXMEASURES_REDIS_URL"] = "127.0.0.1:1" };

        var (upStatus, upBody) = await ReadyAsync(up);
        var (downStatus, downBody) = await ReadyAsync(down);

        Assert.Equal((HttpStatusCode.OK, true, true), (upStatus, upBody.GetProperty("database_sql").GetBoolean(), upBody.GetProperty("database_redis").GetBoolean()));
        // Data is still taken without Redis: the host stays ready, and the body says what is down.
        Assert.Equal((HttpStatusCode.OK, true, false), (downStatus, downBody.GetProperty("database_sql").GetBoolean(), downBody.GetProperty("database_redis").GetBoolean()));
        Assert.Equal("redis", downBody.GetProperty("down").EnumerateArray().Single().GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(Dictionary<string, string?> environment)
    {
        await using var server = await ApiServer.StartAsync(FlexMeasuresConfiguration.Build(environment));
        using var response = await server.Client.GetAsync(new Uri("/api/v3_0/health/ready", UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Theory]
    [BothProviders]
    public async Task GetLatestTaskRun_AnswersPerToken_AndReportsTheRun(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 10, 26, 1, 30, 0, TimeSpan.Zero));
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        await world.Server.Services.GetRequiredService<TaskRunRecorder>().RecordAsync("db-dump", true, CancellationToken.None);

        var (anonymous, _) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun?name=db-dump", null);
        var (wrong, _) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun?name=db-dump", "wrong");
        var (unnamed, _) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun", ApiWorld.TaskCheckToken);
        var (unknown, _) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun?name=nothing", ApiWorld.TaskCheckToken);
        var (known, body) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun?name=db-dump", ApiWorld.TaskCheckToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.OK, known);
        Assert.Equal("OK", body!["status"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse(body["lastrun"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [BothProviders]
    public async Task PostLatestTaskRun_RecordsTheRun_ForTaskRunnersOnly(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 10, 26, 1, 30, 0, TimeSpan.Zero));
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        using (var scope = world.Database.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(
                new NewUser("runner", "runner@example.org", world.Supplier.Id, ApiWorld.Password, [UserRoles.TaskRunner]), CancellationToken.None);
        }

        var (anonymous, _) = await PostTaskRunAsync(world, null, new() { ["name"] = "db-dump" });
        var (notRunner, notRunnerBody) = await PostTaskRunAsync(world, "supplier-admin", new() { ["name"] = "db-dump" });
        var (unnamed, unnamedBody) = await PostTaskRunAsync(world, "runner", new() { ["status"] = "True" });
        var (badTime, badTimeBody) = await PostTaskRunAsync(world, "runner", new() { ["name"] = "db-dump", ["datetime"] = "yesterday" });
        var before = await world.Server.Services.GetRequiredService<TaskRunRecorder>().FindAsync("db-dump", CancellationToken.None);
        var (failed, failedBody) = await PostTaskRunAsync(world, "runner", new() { ["name"] = "db-dump", ["status"] = "False", ["datetime"] = "2025-10-25T23:00:00+02:00" });
        var failedRun = await world.Server.Services.GetRequiredService<TaskRunRecorder>().FindAsync("db-dump", CancellationToken.None);
        var (succeeded, _) = await PostTaskRunAsync(world, "runner", new() { ["name"] = "db-dump" });
        var (read, readBody) = await world.SendAsync(HttpMethod.Get, "/api/ops/getLatestTaskRun?name=db-dump", ApiWorld.TaskCheckToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, notRunner);
        Assert.Equal("INVALID_SENDER", notRunnerBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unnamed);
        Assert.Equal("No task name given.", unnamedBody!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTime);
        Assert.Equal("Not a valid datetime.", badTimeBody!["message"]!["form"]!["datetime"]![0]!.GetValue<string>());
        Assert.Null(before);
        Assert.Equal(HttpStatusCode.OK, failed);
        Assert.Equal("OK", failedBody!["status"]!.GetValue<string>());
        Assert.False(failedRun!.Status);
        Assert.Equal(new DateTime(2025, 10, 25, 21, 0, 0, DateTimeKind.Utc), DateTime.SpecifyKind(failedRun.Datetime, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, succeeded);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("OK", readBody!["status"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse(readBody["lastrun"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> PostTaskRunAsync(ApiWorld world, string? user, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/ops/postLatestTaskRun", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        if (user is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", await world.TokenAsync(user));
        }

        using var response = await world.Client.SendAsync(request);
        return (response.StatusCode, await ApiWorld.ReadJsonAsync(response));
    }
}

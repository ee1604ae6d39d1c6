using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Ops;

/// <summary>
/// Outages of PostgreSQL and Redis, on private servers that the tests stop and start (never the shared ones).
/// The database outages are PostgreSQL's only: an embedded SQLite file has no server to go away.
/// </summary>
public sealed class OutageTests
{
    private const string Start = "2024-01-01T00:00:00+00:00";

    [Fact]
    public async Task Requests_Are503WithRetryAfter_DuringADatabaseOutage_AndSucceedRightAfterTheRestart()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var world = await ApiWorld.CreateAsync(await TestDatabase.MigratedAtAsync(postgres.ConnectionString));
        var token = await world.TokenAsync("supplier");
        var read = $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2024-01-01T00:00:00%2B00:00&duration=PT1H&unit=m%C2%B3/h";
        var (before, _) = await world.SendAsync(HttpMethod.Get, read, token);

        await postgres.StopServerAsync();
        using var readDuring = await world.SendRawAsync(HttpMethod.Get, read, token, null, null);
        using var postDuring = await world.SendRawAsync(HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/data", token, Post(1).ToJsonString(), "application/json");
        using var readyDuring = await world.SendRawAsync(HttpMethod.Get, "/api/v3_0/health/ready", null, null, null);
        var readyDuringBody = await ApiWorld.ReadJsonAsync(readyDuring);
        await postgres.StartServerAsync();
        var (readAfter, _) = await world.SendAsync(HttpMethod.Get, read, token);
        var (postAfter, _) = await world.SendAsync(HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/data", token, Post(2));

        Assert.Equal(HttpStatusCode.OK, before);
        foreach (var during in new[] { readDuring, postDuring })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.NotNull(during.Headers.RetryAfter?.Delta);
            Assert.Contains("database", (await ApiWorld.ReadJsonAsync(during))!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        Assert.Equal(["database"], readyDuringBody!["down"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, readAfter);
        Assert.Equal(HttpStatusCode.OK, postAfter);
    }

    [Fact]
    public async Task TheFirstRequests_AfterARestart_AreNot500_OnStalePooledConnections()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var world = await ApiWorld.CreateAsync(await TestDatabase.MigratedAtAsync(postgres.ConnectionString));
        var token = await world.TokenAsync("supplier");
        var read = $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2024-01-01T00:00:00%2B00:00&duration=PT1H&unit=m%C2%B3/h";

        // Several requests at once fill the pool with connections, which the restart then cuts while they sit idle.
        var warm = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.SendAsync(HttpMethod.Get, read, token)));
        await postgres.StopServerAsync();
        await postgres.StartServerAsync();
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            reads.Add((await world.SendAsync(HttpMethod.Get, read, token)).Status);
        }

        using var post = await world.SendRawAsync(HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/data", token, Post(3).ToJsonString(), "application/json");

        Assert.All(warm, w => Assert.Equal(HttpStatusCode.OK, w.Status));
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r));

        // A write is not repeated by the server; it may find a dead connection only as a 503 the client retries.
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
    }

    [Theory]
    [BothProviders]
    public async Task Ready_Is200AndSaysRedisIsDown_WhileDataIsStillTaken(DatabaseProvider provider)
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var world = await ApiWorld.CreateAsync(
            provider,
            new Dictionary<string, string?> { ["FLEXMEASURES_REDIS_URL"] = redis.Url, ["Forecasting__OnNewData"] = "true" });
        var (upStatus, upBody) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/health/ready", null);

        await redis.StopServerAsync();
        var (downStatus, downBody) = await world.SendAsync(HttpMethod.Get, "/api/v3_0/health/ready", null);
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        var (posted, postedBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Post(4, "PT1H"));

        Assert.Equal(HttpStatusCode.OK, upStatus);
        Assert.True(upBody!["database_redis"]!.GetValue<bool>());
        Assert.Empty(upBody["down"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, downStatus);
        Assert.True(downBody!["database_sql"]!.GetValue<bool>());
        Assert.False(downBody["database_redis"]!.GetValue<bool>());
        Assert.True(downBody["accepts_data"]!.GetValue<bool>());
        Assert.False(downBody["accepts_jobs"]!.GetValue<bool>());
        Assert.Equal(["redis"], downBody["down"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Contains("could not be queued", postedBody!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Post(double value, string duration = "PT10M") => new()
    {
        ["values"] = new JsonArray(JsonValue.Create(value)),
        ["start"] = Start,
        ["duration"] = duration,
        ["unit"] = "m³/h",
        ["prior"] = DateTimeOffset.Parse(Start, CultureInfo.InvariantCulture).AddDays(1).AddMinutes(value).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
    };
}

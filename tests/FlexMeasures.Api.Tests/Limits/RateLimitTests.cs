using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.RateLimits;
using FlexMeasures.Api.Tests.SensorData;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Limits;

/// <summary>FlexMeasures' API rate limits: the default limit per user, the trigger limit per account, plans, the off switch.</summary>
public sealed class RateLimitTests
{
    [Theory]
    [BothProviders]
    public async Task DefaultLimit_Answers429WithRetryAfter_AndStoresNothing_OnceAUserHasUsedItUp(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_API_DEFAULT_RATE_LIMIT"] = "3 per minute" });
        var sensor = world.GasSensor.Id;
        await world.TokenAsync("supplier");
        await world.TokenAsync("supplier-admin");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor}")).Status);
        }

        using var refused = await world.SendRawAsync(
            HttpMethod.Post, $"/api/v3_0/sensors/{sensor}/data", await world.TokenAsync("supplier"),
            """{"values": [1, 2, 3, 4, 5, 6], "start": "2021-06-07T00:00:00+02:00", "duration": "PT1H", "unit": "m³/h"}""", "application/json");
        var refusedBody = await ApiWorld.ReadJsonAsync(refused);
        var (colleague, _) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/sensors/{sensor}");
        var (health, _) = await world.AsAsync(null, HttpMethod.Get, "/api/v3_0/health/ready");

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("TOO_MANY_REQUESTS", refusedBody!["status"]!.GetValue<string>());
        Assert.Equal("Rejected", refusedBody["result"]!.GetValue<string>());
        Assert.Equal("You hit a rate limit. The limit you hit allows 3 per minute.", refusedBody["message"]!.GetValue<string>());
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor));
        Assert.Equal(HttpStatusCode.OK, colleague);
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Theory]
    [BothProviders]
    public async Task PlanLimits_OverrideTheSetting_AndUnlimitedExempts(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_API_DEFAULT_RATE_LIMIT"] = "3 per minute" });
        await using (var db = world.Database.CreateContext())
        {
            var unlimited = new Plan { Name = "enterprise", DefaultRateLimit = RateLimit.Unlimited };
            var small = new Plan { Name = "trial", DefaultRateLimit = "2 per hour" };
            db.Plans.AddRange(unlimited, small);
            await db.SaveChangesAsync();
            await db.Accounts.Where(a => a.Id == world.Supplier.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.PlanId, unlimited.Id));
            await db.Accounts.Where(a => a.Id == world.Other.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.PlanId, small.Id));
        }

        var supplier = new List<HttpStatusCode>();
        var other = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            supplier.Add((await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}")).Status);
            other.Add((await world.AsAsync("other", HttpMethod.Get, $"/api/v3_0/sensors/{world.OtherSensor.Id}")).Status);
        }

        Assert.All(supplier, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], other);
    }

    [Theory]
    [BothProviders]
    public async Task TriggerLimit_IsSharedByTheAccountsUsers_AndNotByOtherAccounts(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_API_TRIGGER_RATE_LIMIT"] = "1 per 5 minutes" });

        var (first, _) = await TriggerAsync(world, "supplier", world.GasSensor.Id);
        var (colleague, colleagueBody) = await TriggerAsync(world, "supplier-admin", world.GasSensor.Id);
        var (read, _) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}");
        var (otherAccount, _) = await TriggerAsync(world, "other", world.OtherSensor.Id);

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, colleague);
        Assert.Equal("You hit a rate limit. The limit you hit allows 1 per 5 minutes.", colleagueBody!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(HttpStatusCode.Accepted, otherAccount);
    }

    [Theory]
    [BothProviders]
    public async Task TriggerLimit_CountsOnlyAcceptedTriggers_AndRetryAfterSaysWhenTheOldestLeavesTheWindow(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero));
        await using var world = await ApiWorld.CreateAsync(
            provider, new Dictionary<string, string?> { ["FLEXMEASURES_API_TRIGGER_RATE_LIMIT"] = "2 per 5 minutes" }, services => services.AddSingleton<TimeProvider>(clock));
        var trigger = $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger";

        // Three rounds of refused triggers, each round more than the whole budget.
        var refused = new List<HttpStatusCode>();
        for (var round = 0; round < 3; round++)
        {
            refused.Add((await TriggerAsync(world, "supplier", world.OtherSensor.Id)).Status);
            refused.Add((await world.AsAsync("supplier", HttpMethod.Post, trigger, new JsonObject { ["start"] = "tomorrow", ["duration"] = "P1D" })).Status);
            refused.Add((await world.AsAsync(null, HttpMethod.Post, trigger, new JsonObject())).Status);
        }

        var first = (await TriggerAsync(world, "supplier", world.GasSensor.Id)).Status;
        clock.Advance(TimeSpan.FromMinutes(2));
        var second = (await TriggerAsync(world, "supplier", world.GasSensor.Id)).Status;
        using var third = await world.SendRawAsync(HttpMethod.Post, trigger, await world.TokenAsync("supplier"), TriggerBody().ToJsonString(), "application/json");
        var retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        clock.Advance(TimeSpan.FromSeconds(retryAfter));
        var afterWaiting = (await TriggerAsync(world, "supplier", world.GasSensor.Id)).Status;

        Assert.Equal(
            [.. Enumerable.Repeat<HttpStatusCode[]>([HttpStatusCode.Forbidden, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Unauthorized], 3).SelectMany(r => r)],
            refused);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);

        // The first accepted trigger leaves the 5-minute window 3 minutes after the third was refused.
        Assert.Equal(180, retryAfter);
        Assert.Equal(HttpStatusCode.Accepted, afterWaiting);
    }

    [Theory]
    [BothProviders]
    public async Task Limits_CountNothing_WhenSwitchedOff(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["FLEXMEASURES_API_DEFAULT_RATE_LIMIT"] = "1 per minute",
            ["RATELIMIT_ENABLED"] = "false",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}")).Status);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Theory]
    [InlineData("FLEXMEASURES_API_DEFAULT_RATE_LIMIT", "lots", "Configuration FLEXMEASURES_API_DEFAULT_RATE_LIMIT: 'lots' is not a valid rate limit; use a limit like '10 per 5 minutes' or '500/minute'.")]
    [InlineData("FLEXMEASURES_API_TRIGGER_RATE_LIMIT", "0 per minute", "Configuration FLEXMEASURES_API_TRIGGER_RATE_LIMIT: '0 per minute' is not a valid rate limit: allow at least 1 request.")]
    [InlineData("FLEXMEASURES_API_RATE_LIMIT_KEY", "asset", "Configuration FLEXMEASURES_API_RATE_LIMIT_KEY: 'asset' must be one of account, account+asset, user.")]
    public void Build_RefusesNamingTheVariable_WhenARateLimitSettingIsBad(string variable, string value, string expected)
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-never-created-{Guid.NewGuid():N}.db")}",
            [variable] = value,
        });

        var refused = Assert.Throws<ConfigurationException>(() => FlexMeasuresApiHost.Build(configuration, ["http://127.0.0.1:0"]));

        Assert.Equal(expected, refused.Message);
    }

    [Theory]
    [InlineData("500 per minute", 500, 60)]
    [InlineData("10 per 5 minutes", 10, 300)]
    [InlineData("100/hour", 100, 3600)]
    [InlineData("1 per day", 1, 86400)]
    [InlineData("2 PER 10 SECONDS", 2, 10)]
    public void Parse_ReadsFlaskLimitersNotation(string text, int permits, int seconds)
    {
        var limit = RateLimit.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal((permits, TimeSpan.FromSeconds(seconds)), (limit!.Permits, limit.Window));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unlimited")]
    [InlineData("ten per minute")]
    [InlineData("5 per fortnight")]
    [InlineData("5 per 0 minutes")]
    [InlineData("-1 per minute")]
    public void Parse_RefusesWhatIsNotALimit(string text)
    {
        Assert.Null(RateLimit.Parse(text, out var problem));
        Assert.NotNull(problem);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> TriggerAsync(ApiWorld world, string user, int sensorId) =>
        await world.AsAsync(user, HttpMethod.Post, $"/api/v3_0/sensors/{sensorId}/forecasts/trigger", TriggerBody());

    private static JsonObject TriggerBody() => new()
    {
        ["start"] = "2024-01-22T00:00:00+00:00",
        ["duration"] = "P1D",
        ["horizon"] = "PT6H",
        ["model"] = "seasonal-naive",
    };
}

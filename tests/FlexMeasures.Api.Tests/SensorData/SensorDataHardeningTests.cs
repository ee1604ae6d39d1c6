using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FlexMeasures.Api.Tests.SensorData.SensorDataTests;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary>Concurrent posts, values and keys that must not be stored, instants outside the supported range.</summary>
public sealed class SensorDataHardeningTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private const string SixValues = "[1, 2, 3, 4, 5, 6]";

    [Theory]
    [BothProviders]
    public async Task Post_AnswersProcessedOnceAndAlreadyReceivedOtherwise_WhenEightIdenticalPostsArriveAtOnce(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        // A user without a data source yet: the first posts also race to create it.
        var email = $"burst-{provider}@example.org";
        using (var scope = world.Database.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(
                new NewUser($"burst {provider}", email, world.Supplier.Id, ApiWorld.Password, []), CancellationToken.None);
        }

        var (_, login) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = email, ["password"] = ApiWorld.Password });
        var token = login!["auth_token"]!.GetValue<string>();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, 8).Select(async _ =>
        {
            await start.WaitAsync();
            return await world.SendAsync(HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", token, body);
        }).ToList();
        start.Release(8);
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => a.Body!["status"]!.GetValue<string>() == "PROCESSED");
        Assert.Equal(7, answers.Count(a => a.Body!["status"]!.GetValue<string>() == "ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED"));
        Assert.Equal(6, await CountAsync(world, sensor.Id));
        await using var db = world.Database.CreateContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.Equal(1, await db.DataSources.CountAsync(s => s.UserId == userId));
    }

    public static IEnumerable<object[]> RefusedBodies() => ProviderCases.Cross(
        ["\"duration\": \"-PT1H\"", "duration", "Must not be negative."],
        ["\"values\": [1, 2, 3, 4, 5, 1e400]", "values", "beyond the range of a double"],
        ["\"values\": [-1e400, 2, 3, 4, 5, 6]", "values", "beyond the range of a double"],
        ["\"values\": 1e400", "values", "Not a valid number."],
        ["\"horizn\": \"PT48H\"", "horizn", "Unknown field."],
        ["\"Values\": [1]", "Values", "Unknown field."],
        ["\"start\": \"9999-06-07T00:00:00+02:00\"", "start", "outside the supported range of instants"],
        ["\"start\": \"1850-06-07T00:00:00+02:00\"", "start", "outside the supported range of instants"],
        ["\"prior\": \"9999-01-01T00:00:00Z\"", "prior", "outside the supported range of instants"],
        ["\"duration\": \"P99999D\"", "duration", "window ends outside the supported range of instants"]);

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task Post_Is422NamingTheField_AndStoresNothing_WhenAValueCannotBeTakenAsMeant(DatabaseProvider provider, string member, string field, string message)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var key = member[1..member.IndexOf('"', 1)];
        var fields = new Dictionary<string, string>
        {
            ["values"] = $"\"values\": {SixValues}",
            ["start"] = "\"start\": \"2021-06-07T00:00:00+02:00\"",
            ["duration"] = "\"duration\": \"PT1H\"",
            ["unit"] = "\"unit\": \"m³/h\"",
        };
        fields[key] = member;
        var json = "{" + string.Join(", ", fields.Values) + "}";

        using var response = await world.SendRawAsync(HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", await world.TokenAsync("supplier"), json, "application/json");
        var answer = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, answer!["message"]!["json"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_AcceptsEveryKeyOfFlexMeasuresSchema(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));
        body["horizon"] = "PT0H";
        body["type"] = "PostSensorDataRequest";
        body["sensor"] = $"ea1.2021-01.io.flexmeasures:fm1.{sensor.Id}";

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task ReadsAndStats_Answer200_WhenARowOutsideTheSupportedRangeIsStored(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var (posted, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));
        var source = await SourceOfAsync(world, "supplier");
        await using (var db = world.Database.CreateContext())
        {
            // Written around the platform, as a SQL session could: the last representable 10-minute event.
            db.TimedBeliefs.Add(new Data.Beliefs.TimedBelief
            {
                EventStart = new DateTime(9999, 12, 31, 23, 50, 0, DateTimeKind.Utc), BeliefHorizon = TimeSpan.Zero, EventValue = 99, SensorId = sensor.Id, SourceId = source.Id,
            });
            await db.SaveChangesAsync();
        }

        var (read, values) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/data?start=2021-06-07T00:00:00%2B02:00&duration=PT1H&unit=m%C2%B3%2Fh");
        var (stats, statsBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/stats");
        var (farRead, farBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/data?start=9999-12-31T23:00:00%2B00:00&duration=PT1H&unit=m%C2%B3%2Fh");

        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal([1d, 2, 3, 4, 5, 6], values!["values"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.OK, stats);
        Assert.Equal(6, statsBody!.AsObject().Single().Value!["Number of values"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farRead);
        Assert.Contains("outside the supported range", farBody!["message"]!["query"]!["start"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task ForecastTrigger_Is422NamingTheField_WhenTheWindowIsOutsideTheSupportedRange(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (farStart, farStartBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = "9999-01-01T00:00:00+00:00", ["duration"] = "P1D" });
        var (farEnd, farEndBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = "2021-01-01T00:00:00+00:00", ["duration"] = "P99999D" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, farStart);
        Assert.Contains("outside the supported range", farStartBody!["message"]!["json"]!["start"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farEnd);
        Assert.Contains("outside the supported range", farEndBody!["message"]!["json"]!["duration"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Login_Is400_WhenTheEmailHoldsANulCharacter(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Post, "/api/requestAuthToken", null,
            "{\"email\": \"supplier\\u0000@example.org\", \"password\": \"x\"}", "application/json");
        var answer = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'email'", answer!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("found U+0000 at position 9", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(answer["auth_token"]);
    }

    public static IEnumerable<object[]> UnstorableSensors() => ProviderCases.Cross(
        ["\"name\": \"power\\u0000meter\"", "name"],
        ["\"name\": \"power\\u001b[31m\"", "name"],
        ["\"attributes\": {\"note\": \"a\\u0000b\"}", "attributes.note"],
        ["\"attributes\": {\"big\": 1" + new string('0', 1000) + "}", "attributes.big"],
        ["\"attributes\": {\"a\\u0000\": 1}", "attributes"]);

    [Theory]
    [MemberData(nameof(UnstorableSensors))]
    public async Task CreateSensor_Is422NamingTheField_WhenTextHoldsControlCharactersOrANumberBeyondADouble(DatabaseProvider provider, string member, string field)
    {
        var world = await worlds.GetAsync(provider);
        var name = $"unstorable {Guid.NewGuid():N}";
        var fields = new Dictionary<string, string>
        {
            ["name"] = $"\"name\": \"{name}\"",
            ["unit"] = "\"unit\": \"kW\"",
            ["event_resolution"] = "\"event_resolution\": \"PT15M\"",
            ["generic_asset_id"] = $"\"generic_asset_id\": {world.SupplierAsset.Id}",
        };
        fields[member[1..member.IndexOf('"', 1)]] = member;

        using var response = await world.SendRawAsync(HttpMethod.Post, "/api/v3_0/sensors", await world.TokenAsync("supplier-admin"),
            "{" + string.Join(", ", fields.Values) + "}", "application/json");
        var answer = await ApiWorld.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotEmpty(answer!["message"]!["json"]![field]!.AsArray());
        await using var db = world.Database.CreateContext();
        Assert.False(await db.Sensors.AnyAsync(s => s.Name == name || s.Name.StartsWith("power")));
    }
}

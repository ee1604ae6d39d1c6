using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Security;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary>The REST API v3 sensor-data cases of SEMANTICS.md, over real HTTP.</summary>
public sealed class SensorDataTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private const string Start = "2021-06-07T00:00:00+02:00";

    public static IEnumerable<object[]> StoredCases() => ProviderCases.Cross(
        [6, "m³/h", 6, -11.28],
        [6, "m³", 6, -67.68],
        [6, "l/h", 6, -0.01128],
        [3, "m³/h", 6, -11.28],
        [0, "m³/h", 6, -11.28]);

    [Theory]
    [MemberData(nameof(StoredCases))]
    public async Task Post_StoresInTheSensorsUnitAndResolution(DatabaseProvider provider, int count, string unit, int rows, double stored)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        JsonNode values = count == 0 ? JsonValue.Create(-11.28) : new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode?)JsonValue.Create(-11.28))]);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(values, unit: unit));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PROCESSED", body!["status"]!.GetValue<string>());
        var beliefs = await BeliefsAsync(world, sensor.Id);
        Assert.Equal(rows, beliefs.Count);
        Assert.All(beliefs, b => Assert.Equal(stored, b.EventValue, 9));
        Assert.All(beliefs, b => Assert.Equal(TimeSpan.Zero, b.BeliefHorizon));
        Assert.Equal(new DateTime(2021, 6, 6, 22, 0, 0, DateTimeKind.Utc), beliefs[0].EventStart);
        Assert.Equal(TimeSpan.FromMinutes(10), beliefs[1].EventStart - beliefs[0].EventStart);
    }

    [Theory]
    [BothProviders]
    public async Task Post_SkipsNulls(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data",
            Body(new JsonArray(null, -11.28, -11.28, -11.28, -11.28, -11.28)));

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await BeliefsAsync(world, sensor.Id);
        Assert.Equal(5, beliefs.Count);
        Assert.Equal(new DateTime(2021, 6, 6, 22, 10, 0, DateTimeKind.Utc), beliefs[0].EventStart);
    }

    public static IEnumerable<object[]> RejectedCases() => ProviderCases.Cross(
        ["values", "[1, 2, 3, 4]", "_schema", "Resolution of 0:15:00 is incompatible with the sensor's required resolution of 0:10:00."],
        ["values", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "_schema", "Resolution of 0:06:00 is incompatible"],
        ["start", "\"2021-06-07T00:00:00\"", "start", "Not a valid aware datetime"],
        ["duration", "\"PT25M\"", "_schema", "Resolution of 0:04:10 is incompatible"],
        ["unit", "\"m\"", "_schema", "Required unit for this sensor is m³/h, got incompatible unit: m"],
        ["duration", "\"PT0M\"", "_schema", "Cannot infer a non-zero resolution from one value over zero duration. This sensor requires a resolution of 0:10:00."],
        ["values", "\"many\"", "values", "Not a valid number."],
        ["values", "[1, \"two\", 3]", "values", "Not a valid number."],
        ["values", "[]", "values", "Shorter than minimum length 1."],
        ["values", null!, "values", "Missing data for required field."],
        ["start", null!, "start", "Missing data for required field."],
        ["unit", null!, "unit", "Missing data for required field."],
        ["unit", "42", "unit", "Not a valid string."],
        ["duration", "\"one hour\"", "duration", "Unable to parse duration"],
        ["start", "\"yesterday\"", "start", "Not a valid datetime."],
        ["prior", "\"2021-06-07T00:00:00\"", "prior", "Not a valid aware datetime"],
        ["type", "\"GetSensorDataRequest\"", "type", "Must be one of"],
        ["unit", "\"kW'; DROP TABLE timed_belief; --\"", "_schema", "Required unit for this sensor is m³/h"]);

    [Theory]
    [MemberData(nameof(RejectedCases))]
    public async Task Post_Is422AndStoresNothing_WhenTheBodyIsInvalid(DatabaseProvider provider, string field, string? json, string errorField, string message)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(-11.28, -11.28, -11.28, -11.28, -11.28, -11.28));
        if (field == "duration" && json == "\"PT0M\"")
        {
            body["values"] = new JsonArray(-11.28);
        }

        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("UNPROCESSABLE_ENTITY", answer!["status"]!.GetValue<string>());
        Assert.Equal("Rejected", answer["result"]!.GetValue<string>());
        Assert.Contains(message, answer["message"]!["json"]![errorField]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_FloorsTheStartToTheSensorResolution(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data",
            Body(new JsonArray(1, 2, 3, 4, 5, 6), start: "2021-06-08T00:00:40+02:00"));

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await BeliefsAsync(world, sensor.Id);
        var first = new DateTime(2021, 6, 7, 22, 0, 0, DateTimeKind.Utc);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => first.AddMinutes(10 * i)), beliefs.Select(b => b.EventStart));
    }

    [Theory]
    [BothProviders]
    public async Task Post_FloorsAndDownsamples_WhenValuesAreFinerThanTheSensor(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data",
            Body(new JsonArray([.. Enumerable.Range(1, 12).Select(i => (JsonNode?)(i * 100))]), start: "2021-06-09T00:04:40+02:00"));

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await BeliefsAsync(world, sensor.Id);
        Assert.Equal([150, 350, 550, 750, 950, 1150], beliefs.Select(b => b.EventValue));
        Assert.Equal(new DateTime(2021, 6, 8, 22, 0, 0, DateTimeKind.Utc), beliefs[0].EventStart);
    }

    [Theory]
    [BothProviders]
    public async Task Post_AcceptsOneInstantaneousValue_ButRefusesTwoOverZeroDuration(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync(s =>
        {
            s.Unit = "°C";
            s.EventResolution = TimeSpan.Zero;
        });

        var (one, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(20.5), duration: "PT0H", unit: "°C"));
        var (two, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(20.5, 21), duration: "PT0H", unit: "°C"));

        Assert.Equal(HttpStatusCode.OK, one);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, two);
        Assert.Contains("Cannot save multiple instantaneous values that overlap", answer!["message"]!["json"]!["_schema"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_UsesTheReceiptTimeAsBeliefTime_WhenNeitherPriorNorHorizonIsGiven(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 5, 3, 9, 30, 0, TimeSpan.Zero));
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));
        body.Remove("horizon");

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await BeliefsAsync(world, sensor.Id);
        Assert.Equal(6, beliefs.Count);
        Assert.All(beliefs, belief => Assert.Equal(clock.GetUtcNow().UtcDateTime, belief.EventStart + TimeSpan.FromMinutes(10) - belief.BeliefHorizon));
    }

    [Theory]
    [BothProviders]
    public async Task Post_TakesPriorAsTheBeliefTime(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));
        body["prior"] = "2021-06-06T12:00:00+02:00";

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await BeliefsAsync(world, sensor.Id);
        var prior = new DateTime(2021, 6, 6, 10, 0, 0, DateTimeKind.Utc);
        Assert.All(beliefs, b => Assert.Equal(prior, b.EventStart + TimeSpan.FromMinutes(10) - b.BeliefHorizon));
        Assert.True(beliefs[0].BeliefHorizon > TimeSpan.Zero);
    }

    [Theory]
    [BothProviders]
    public async Task Post_AcceptsEveryIsoDurationFormOfTheHorizon(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6), duration: "P0DT1H0M0S");
        body["horizon"] = "P1D";

        var (status, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(await BeliefsAsync(world, sensor.Id), b => Assert.Equal(TimeSpan.FromDays(1), b.BeliefHorizon));
    }

    [Theory]
    [BothProviders]
    public async Task Post_IsAlreadyReceived200_WhenTheSameDataIsPostedAgain(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));

        var (first, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);
        var (again, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", body);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED", answer!["status"]!.GetValue<string>());
        Assert.Equal(6, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_Is403InvalidReplacement_WhenOtherValuesArePostedForTheSameBeliefs(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 7)));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("INVALID_REPLACEMENT", answer!["status"]!.GetValue<string>());
        Assert.Contains("FLEXMEASURES_ALLOW_DATA_OVERWRITE", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([1, 2, 3, 4, 5, 6], (await BeliefsAsync(world, sensor.Id)).Select(b => b.EventValue));
    }

    [Theory]
    [BothProviders]
    public async Task Post_ReplacesTheStoredValues_WhenTheServerAllowsDataOverwrite(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_ALLOW_DATA_OVERWRITE"] = "True" });
        var sensor = await world.NewGasSensorAsync();
        await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 7)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PROCESSED", answer!["status"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4, 5, 7], (await BeliefsAsync(world, sensor.Id)).Select(b => b.EventValue));
    }

    public static IEnumerable<object[]> RefusedSenders() => ProviderCases.Cross(
        [null!, 401, "UNAUTHORIZED"],
        ["other", 403, "INVALID_SENDER"],
        ["admin-reader", 403, "INVALID_SENDER"]);

    [Theory]
    [MemberData(nameof(RefusedSenders))]
    public async Task Post_IsRefusedAndStoresNothing_WhenTheSenderMayNot(DatabaseProvider provider, string? user, int expected, string statusWord)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, answer) = await world.AsAsync(user, HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        Assert.Equal(expected, (int)status);
        Assert.Equal(statusWord, answer!["status"]!.GetValue<string>());
        Assert.Equal(0, await CountAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Post_Is404_WhenTheSensorDoesNotExist(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, "/api/v3_0/sensors/987654/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, answer!["status"]!.GetValue<int>());
    }

    [Theory]
    [BothProviders]
    public async Task Post_CreatesTheUsersDataSource_OnTheirFirstPost(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var email = $"{provider}-sourceless@example.org";
        await using (var db = world.Database.CreateContext())
        {
            db.Users.Add(new User { Email = email, Username = $"{provider} sourceless", AccountId = world.Supplier.Id, Password = PasswordHasher.Hash(ApiWorld.Password), FsUniquifier = Guid.NewGuid().ToString("N") });
            await db.SaveChangesAsync();
        }

        var (_, login) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = email, ["password"] = ApiWorld.Password });
        var (status, _) = await world.SendAsync(HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", login!["auth_token"]!.GetValue<string>(), Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        Assert.Equal(HttpStatusCode.OK, status);
        await using var check = world.Database.CreateContext();
        var userId = login["user_id"]!.GetValue<int>();
        var source = await check.DataSources.SingleAsync(s => s.UserId == userId);
        Assert.Equal("user", source.Type);
        Assert.Equal(world.Supplier.Id, source.AccountId);
        Assert.Equal(6, await check.TimedBeliefs.CountAsync(b => b.SensorId == sensor.Id && b.SourceId == source.Id));
    }

    [Theory]
    [BothProviders]
    public async Task DeprecatedEndpoints_AnswerTheSame_WithAnEntityAddress(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var body = Body(new JsonArray(1, 2, 3, 4, 5, 6));
        body["sensor"] = $"ea1.2021-01.io.flexmeasures:fm1.{sensor.Id}";

        var (posted, _) = await world.AsAsync("supplier", HttpMethod.Post, "/api/v3_0/sensors/data", body);
        var (read, answer) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/data?sensor=ea1.2021-01.io.flexmeasures:fm1.{sensor.Id}&start=2021-06-07T00:00:00%2B02:00&duration=PT1H&unit=m%C2%B3/h");
        var (bad, badAnswer) = await world.AsAsync("supplier", HttpMethod.Post, "/api/v3_0/sensors/data", Body(new JsonArray(1, 2, 3, 4, 5, 6)));

        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], answer!["values"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Equal("Missing data for required field.", badAnswer!["message"]!["json"]!["sensor"]![0]!.GetValue<string>());
    }

    internal static JsonObject Body(JsonNode values, string unit = "m³/h", string start = Start, string duration = "PT1H") => new()
    {
        ["values"] = values,
        ["start"] = start,
        ["duration"] = duration,
        ["horizon"] = "PT0H",
        ["unit"] = unit,
    };

    internal static async Task<int> CountAsync(ApiWorld world, int sensorId)
    {
        await using var db = world.Database.CreateContext();
        return await db.TimedBeliefs.CountAsync(b => b.SensorId == sensorId);
    }

    internal static async Task<List<TimedBelief>> BeliefsAsync(ApiWorld world, int sensorId)
    {
        await using var db = world.Database.CreateContext();
        return await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == sensorId).OrderBy(b => b.EventStart).ToListAsync();
    }

    internal static async Task<DataSource> SourceOfAsync(ApiWorld world, string user)
    {
        using var scope = world.Database.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        var id = world.Users[user].Id;
        return await db.DataSources.AsNoTracking().SingleAsync(s => s.UserId == id);
    }
}

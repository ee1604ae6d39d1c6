using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary>GET sensor data: the SEMANTICS.md read cases over real HTTP.</summary>
public sealed class SensorDataReadTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private const string Window = "start=2021-05-02T00:00:00%2B02:00&duration=PT1H20M&horizon=PT0H";

    [Theory]
    [BothProviders]
    public async Task Get_AveragesPerRequestedResolution_ForTheGasSensor(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (gas, _, source) = await SeedAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{gas.Id}/data?{Window}&unit=m%C2%B3/h&source={source.Id}&resolution=PT20M");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([91.5, 92.1, null, null], Values(body));
        Assert.Equal("2021-05-02T00:00:00+02:00", body!["start"]!.GetValue<string>());
        Assert.Equal("PT1H20M", body["duration"]!.GetValue<string>());
        Assert.Equal("m³/h", body["unit"]!.GetValue<string>());
        Assert.Equal("PT20M", body["resolution"]!.GetValue<string>());
        Assert.Equal("PROCESSED", body["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }

    [Theory]
    [BothProviders]
    public async Task Get_TakesTheFirstValuePerBin_ForAnInstantaneousSensor(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, temperature, source) = await SeedAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{temperature.Id}/data?{Window}&unit=%C2%B0C&source={source.Id}&resolution=PT20M");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([815, 818, null, null], Values(body));
    }

    [Theory]
    [BothProviders]
    public async Task Get_IsAllNulls_ForAWindowWithoutData(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (gas, _, source) = await SeedAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{gas.Id}/data?start=1921-05-02T00:00:00%2B02:00&duration=PT1H20M&horizon=PT0H&unit=m%C2%B3/h&source={source.Id}&resolution=PT20M");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([null, null, null, null], Values(body));
    }

    [Theory]
    [BothProviders]
    public async Task Get_ConvertsToTheRequestedUnit(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (gas, _, source) = await SeedAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{gas.Id}/data?{Window}&unit=l/h&source={source.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PT10M", body!["resolution"]!.GetValue<string>());
        Assert.Equal(91300, Values(body)[0]!.Value, 6);
    }

    public static IEnumerable<object[]> DefaultResolutions() => ProviderCases.Cross(
        ["PT1H20M", "PT5M", 16],
        ["PT9H", "PT15M", 36],
        ["P3D", "PT1H", 72],
        ["P15D", "PT24H", 15],
        ["P120D", "PT168H", 18]);

    [Theory]
    [MemberData(nameof(DefaultResolutions))]
    public async Task Get_PicksADefaultResolution_ForAnInstantaneousSensor(DatabaseProvider provider, string duration, string resolution, int count)
    {
        var world = await worlds.GetAsync(provider);
        var (_, temperature, _) = await SeedAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{temperature.Id}/data?start=2021-05-02T00:00:00%2B02:00&duration={duration}&unit=%C2%B0C");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(resolution, body!["resolution"]!.GetValue<string>());
        Assert.Equal(count, Values(body).Count);
    }

    public static IEnumerable<object[]> BadQueries() => ProviderCases.Cross(
        ["duration=PT1H&unit=m%C2%B3/h", "start", "Missing data for required field."],
        ["start=2021-05-02T00:00:00&duration=PT1H&unit=m%C2%B3/h", "start", "Not a valid aware datetime."],
        ["start=2021-05-02T00:00:00%2B02:00&duration=PT1H", "unit", "Missing data for required field."],
        ["start=2021-05-02T00:00:00%2B02:00&duration=PT1H&unit=m", "_schema", "Required unit for this sensor is m³/h, got incompatible unit: m"],
        ["start=2021-05-02T00:00:00%2B02:00&duration=P1M&unit=m%C2%B3/h", "duration", "Unable to parse duration"],
        ["start=2021-05-02T00:00:00%2B02:00&duration=PT1H&unit=m%C2%B3/h&source=1%20OR%201=1", "source", "Not a valid integer."]);

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Get_Is422InTheQueryLocation_WhenAParameterIsInvalid(DatabaseProvider provider, string query, string field, string message)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/data?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("UNPROCESSABLE_ENTITY", body!["status"]!.GetValue<string>());
        Assert.Contains(message, body["message"]!["query"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Get_Is403_ForAnotherAccountsSensor_But200ForAPublicOne(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        const string query = "start=2021-05-02T00:00:00%2B02:00&duration=PT1H";

        var (other, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.OtherSensor.Id}/data?{query}&unit=m%C2%B3/h");
        var (open, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.PublicSensor.Id}/data?{query}&unit=W/m%C2%B2");

        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Equal("INVALID_SENDER", body!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, open);
    }

    private static List<double?> Values(JsonNode? body) =>
        [.. body!["values"]!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>())];

    /// <summary>The fixture of SEMANTICS.md on fresh sensors: the supplier's measurements and a second source's.</summary>
    private static async Task<(Sensor Gas, Sensor Temperature, DataSource Source)> SeedAsync(ApiWorld world)
    {
        var gas = await world.NewGasSensorAsync();
        var temperature = await world.NewGasSensorAsync(s =>
        {
            s.Unit = "°C";
            s.EventResolution = TimeSpan.Zero;
        });
        var source = await SensorDataTests.SourceOfAsync(world, "supplier");
        using var scope = world.Database.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        var other = new DataSource { Name = "other source", Type = "demo script" };
        db.DataSources.Add(other);
        await db.SaveChangesAsync();
        var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
        var t0 = new DateTime(2021, 5, 1, 22, 0, 0, DateTimeKind.Utc);
        NewBelief At(int step, double value) => new(t0.AddMinutes(10 * step), TimeSpan.Zero, value);
        await store.SaveAsync(gas.Id, source.Id, [At(0, 91.3), At(1, 91.7), At(2, 92.1)], false, CancellationToken.None);
        await store.SaveAsync(gas.Id, other.Id, [At(0, 91.3), At(2, 92.1)], false, CancellationToken.None);
        await store.SaveAsync(temperature.Id, source.Id, [At(0, 815), At(1, 817), At(2, 818)], false, CancellationToken.None);
        return (gas, temperature, source);
    }
}

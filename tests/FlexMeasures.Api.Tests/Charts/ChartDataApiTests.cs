using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Charts;

/// <summary>The <c>chart_data</c> endpoints of sensors and assets over real HTTP, on both providers.</summary>
public sealed class ChartDataApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private static readonly DateTime Day = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly long DayMs = new DateTimeOffset(Day).ToUnixTimeMilliseconds();
    private const string DayWindow = "event_starts_after=2025-06-01T00:00:00%2B00:00&event_ends_before=2025-06-02T00:00:00%2B00:00";
    private static int _counter;

    [Theory]
    [BothProviders]
    public async Task SensorChartData_GivesOneSeriesPerSource_WithKindUnitAndPoints(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        var power = sensors[0];
        var measured = await NewSourceAsync(world, "user");
        var forecaster = await NewSourceAsync(world, "forecaster");
        var scheduler = await NewSourceAsync(world, "scheduler");
        await AddAsync(world, power, measured, TimeSpan.Zero, 1, 2, 3);
        await AddAsync(world, power, forecaster, TimeSpan.FromHours(1), 1.5, 2.5);
        await AddAsync(world, power, scheduler, TimeSpan.FromHours(6), -1, -1, -1, -1);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{power.Id}/chart_data?{DayWindow}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2025-06-01T00:00:00+00:00", body!["event_starts_after"]!.GetValue<string>());
        Assert.Equal(3000, body["max_points"]!.GetValue<int>());
        var sensor = Assert.Single(body["sensors"]!.AsArray())!;
        Assert.Equal(power.Id, sensor["id"]!.GetValue<int>());
        Assert.Equal(power.Name, sensor["name"]!.GetValue<string>());
        Assert.Equal("kW", sensor["unit"]!.GetValue<string>());
        Assert.Equal("PT15M", sensor["event_resolution"]!.GetValue<string>());
        var group = Assert.Single(body["sensors_to_show"]!.AsArray())!;
        Assert.Equal([power.Id], Ints(group["sensors"]));

        var series = sensor["series"]!.AsArray();
        Assert.Equal(["measurement", "forecast", "schedule"], series.Select(s => s!["kind"]!.GetValue<string>()));
        Assert.Equal([measured.Id, forecaster.Id, scheduler.Id], series.Select(s => s!["source"]!["id"]!.GetValue<int>()));
        Assert.Equal("forecaster", series[1]!["source"]!["type"]!.GetValue<string>());
        Assert.Equal(forecaster.Name, series[1]!["source"]!["name"]!.GetValue<string>());
        Assert.Equal([1.0, 2, 3], Values(series[0]));
        Assert.Equal([1.5, 2.5], Values(series[1]));
        Assert.Equal(4, series[2]!["count"]!.GetValue<int>());
        Assert.False(series[2]!["reduced"]!.GetValue<bool>());
        Assert.Null(series[2]!["bucket"]);

        // [event start, value, belief time, horizon]: the forecast of 00:15 was held an hour before it was known at 00:30.
        var point = series[1]!["points"]![1]!.AsArray();
        Assert.Equal(DayMs + 900_000, point[0]!.GetValue<long>());
        Assert.Equal(DayMs + 1_800_000 - 3_600_000, point[2]!.GetValue<long>());
        Assert.Equal(3600, point[3]!.GetValue<double>());
    }

    [Theory]
    [BothProviders]
    public async Task SensorChartData_GivesEveryBelief_WhenMostRecentBeliefsOnlyIsFalse(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        var forecaster = await NewSourceAsync(world, "forecaster");
        await AddAsync(world, sensors[0], forecaster, TimeSpan.FromHours(24), 10, 20);
        await AddAsync(world, sensors[0], forecaster, TimeSpan.FromHours(1), 11, 21);
        var path = $"/api/v3_0/sensors/{sensors[0].Id}/chart_data?{DayWindow}";

        var (_, latest) = await world.AsAsync("supplier", HttpMethod.Get, path);
        var (status, all) = await world.AsAsync("supplier", HttpMethod.Get, path + "&most_recent_beliefs_only=false");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([11.0, 21], Values(latest!["sensors"]![0]!["series"]![0]));
        Assert.Equal([10.0, 11, 20, 21], Values(all!["sensors"]![0]!["series"]![0]));
        Assert.Equal([86400.0, 3600, 86400, 3600], all["sensors"]![0]!["series"]![0]!["points"]!.AsArray().Select(p => p![3]!.GetValue<double>()));
    }

    [Theory]
    [BothProviders]
    public async Task SensorChartData_DrawsTheMedian_OfAProbabilisticBelief(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        var forecaster = await NewSourceAsync(world, "forecaster");
        await using (var db = world.Database.CreateContext())
        {
            foreach (var (probability, value) in new[] { (0.1, 5.0), (0.5, 7.0), (0.9, 12.0) })
            {
                db.Add(new TimedBelief { SensorId = sensors[0].Id, SourceId = forecaster.Id, EventStart = Day, BeliefHorizon = TimeSpan.FromHours(2), CumulativeProbability = probability, EventValue = value });
            }

            await db.SaveChangesAsync();
        }

        var (_, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensors[0].Id}/chart_data?{DayWindow}");

        Assert.Equal([7.0], Values(body!["sensors"]![0]!["series"]![0]));
    }

    [Theory]
    [BothProviders]
    public async Task SensorChartData_ReducesALongSeries_KeepingItsPeaksAndCappingTheCount(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        var source = await NewSourceAsync(world, "user");
        var values = Enumerable.Range(0, 2000).Select(i => Math.Round(Math.Sin(i / 10.0) * 10, 3)).ToArray();
        values[777] = 99;
        values[1500] = -99;
        await AddAsync(world, sensors[0], source, TimeSpan.Zero, values);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{sensors[0].Id}/chart_data?event_starts_after=2025-06-01T00:00:00%2B00:00&duration=P30D&max_points=100");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2025-07-01T00:00:00+00:00", body!["event_ends_before"]!.GetValue<string>());
        var series = body["sensors"]![0]!["series"]![0]!;
        var points = Values(series);
        Assert.InRange(points.Count, 50, 100);
        Assert.Equal(2000, series["count"]!.GetValue<int>());
        Assert.True(series["reduced"]!.GetValue<bool>());

        // 49 buckets over 1999 quarter-hours, rounded up to whole seconds.
        Assert.Equal("PT10H11M57S", series["bucket"]!.GetValue<string>());
        Assert.Equal(99, points.Max());
        Assert.Equal(-99, points.Min());
        Assert.Equal(values[0], points[0]);
        Assert.Equal(values[^1], points[^1]);
    }

    [Theory]
    [BothProviders]
    public async Task SensorChartData_ResamplesEachSource_WhenAResolutionIsAsked(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        var source = await NewSourceAsync(world, "user");
        await AddAsync(world, sensors[0], source, TimeSpan.Zero, 1, 2, 3, 4, 10);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensors[0].Id}/chart_data?{DayWindow}&resolution=PT1H");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PT1H", body!["resolution"]!.GetValue<string>());
        var series = body["sensors"]![0]!["series"]![0]!;
        Assert.Equal([2.5, 10], Values(series));
        Assert.Null(series["points"]![0]![2]);
    }

    [Theory]
    [BothProviders]
    public async Task AssetChartData_ShowsAllItsSensorsOneChartPerUnit_WhenSensorsToShowIsEmpty(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (asset, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW", "EUR/MWh", "kW");
        var source = await NewSourceAsync(world, "user");
        await AddAsync(world, sensors[2], source, TimeSpan.Zero, 4, 5);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{asset.Id}/chart_data?{DayWindow}");

        Assert.Equal(HttpStatusCode.OK, status);
        var groups = body!["sensors_to_show"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal([sensors[0].Id, sensors[2].Id], Ints(groups[0]!["sensors"]));
        Assert.Equal([sensors[1].Id], Ints(groups[1]!["sensors"]));
        Assert.Equal([sensors[0].Id, sensors[2].Id, sensors[1].Id], body["sensors"]!.AsArray().Select(s => s!["id"]!.GetValue<int>()));
        Assert.Empty(body["sensors"]![0]!["series"]!.AsArray());
        Assert.Equal([4.0, 5], Values(body["sensors"]![1]!["series"]![0]));
    }

    [Theory]
    [BothProviders]
    public async Task AssetChartData_FollowsSensorsToShow_LeavingOutSensorsTheUserMayNotRead(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (asset, sensors) = await NewAssetAsync(world, world.Supplier.Id, "kW", "kW", "EUR/MWh");
        await SetSensorsToShowAsync(world, asset,
            $$"""[{"title": "Prices", "sensor": {{sensors[2].Id}}}, {"title": "Power", "plots": [{"sensors": [{{sensors[1].Id}}, {{world.OtherSensor.Id}}]}]}, [{{world.PublicSensor.Id}}], {{world.OtherSensor.Id}}, 999999]""");

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{asset.Id}/chart_data?{DayWindow}");

        Assert.Equal(HttpStatusCode.OK, status);
        var groups = body!["sensors_to_show"]!.AsArray();
        Assert.Equal(["Prices", "Power", null], groups.Select(g => g!["title"]?.GetValue<string>()));
        Assert.Equal([sensors[2].Id], Ints(groups[0]!["sensors"]));
        Assert.Equal([sensors[1].Id], Ints(groups[1]!["sensors"]));
        Assert.Equal([world.PublicSensor.Id], Ints(groups[2]!["sensors"]));
        Assert.Equal([sensors[2].Id, sensors[1].Id, world.PublicSensor.Id], body["sensors"]!.AsArray().Select(s => s!["id"]!.GetValue<int>()));
    }

    [Theory]
    [BothProviders]
    public async Task AssetChartData_Is422NamingSensorsToShow_WhenTheStoredSettingIsNotAList(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (asset, _) = await NewAssetAsync(world, world.Supplier.Id, "kW");
        await SetSensorsToShowAsync(world, asset, """{"sensors": [1]}""");

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{asset.Id}/chart_data?{DayWindow}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("should be a list", body!["message"]!["asset"]!["sensors_to_show"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> Access() => ProviderCases.Cross(
        ["sensors", null!, HttpStatusCode.Unauthorized],
        ["assets", null!, HttpStatusCode.Unauthorized],
        ["sensors", "other", HttpStatusCode.Forbidden],
        ["assets", "other", HttpStatusCode.Forbidden],
        ["sensors", "consultant", HttpStatusCode.OK],
        ["assets", "admin-reader", HttpStatusCode.OK]);

    [Theory]
    [MemberData(nameof(Access))]
    public async Task ChartData_FollowsTheAccessPolicy_ForEachKindOfUser(DatabaseProvider provider, string resource, string? user, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);
        var id = resource == "sensors" ? world.GasSensor.Id : world.SupplierAsset.Id;

        var (status, body) = await world.AsAsync(user, HttpMethod.Get, $"/api/v3_0/{resource}/{id}/chart_data?{DayWindow}");

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("INVALID_SENDER", body!["status"]!.GetValue<string>());
        }
    }

    [Theory]
    [BothProviders]
    public async Task ChartData_Is404_ForAnUnknownSensorOrAsset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (sensor, _) = await world.AsAsync("admin", HttpMethod.Get, "/api/v3_0/sensors/987654/chart_data");
        var (asset, _) = await world.AsAsync("admin", HttpMethod.Get, "/api/v3_0/assets/987654/chart_data");

        Assert.Equal(HttpStatusCode.NotFound, sensor);
        Assert.Equal(HttpStatusCode.NotFound, asset);
    }

    public static IEnumerable<object[]> BadQueries() => ProviderCases.Cross(
        ["event_starts_after=yesterday", "event_starts_after"],
        ["start=2025-06-01T00:00:00", "start"],
        ["event_starts_after=2025-06-02T00:00:00%2B00:00&event_ends_before=2025-06-01T00:00:00%2B00:00", "event_ends_before"],
        ["beliefs_before=soon", "beliefs_before"],
        ["prior=2025-13-01T00:00:00%2B00:00", "prior"],
        ["resolution=hourly", "resolution"],
        [DayWindow + "&resolution=PT0H", "resolution"],
        ["resolution=PT1H", "resolution"],
        ["duration=P1D", "duration"],
        ["most_recent_beliefs_only=maybe", "most_recent_beliefs_only"],
        ["max_points=3", "max_points"],
        ["max_points=many", "max_points"],
        ["compress_json=perhaps", "compress_json"]);

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task ChartData_Is422NamingTheParameter_WhenItIsBad(DatabaseProvider provider, string query, string parameter)
    {
        var world = await worlds.GetAsync(provider);

        foreach (var path in new[] { $"/api/v3_0/sensors/{world.GasSensor.Id}/chart_data?{query}", $"/api/v3_0/assets/{world.SupplierAsset.Id}/chart_data?{query}" })
        {
            var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, path);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal("UNPROCESSABLE_ENTITY", body!["status"]!.GetValue<string>());
            Assert.NotNull(body["message"]!["query"]![parameter]);
        }
    }

    private static List<double> Values(JsonNode? series) => [.. series!["points"]!.AsArray().Select(p => p![1]!.GetValue<double>())];

    private static List<int> Ints(JsonNode? list) => [.. list!.AsArray().Select(n => n!.GetValue<int>())];

    private static async Task<(GenericAsset Asset, List<Sensor> Sensors)> NewAssetAsync(ApiWorld world, int accountId, params string[] units)
    {
        var n = Interlocked.Increment(ref _counter);
        await using var db = world.Database.CreateContext();
        var asset = new GenericAsset { Name = $"chart asset {n}", AccountId = accountId, GenericAssetTypeId = world.AssetType.Id };
        db.Add(asset);
        await db.SaveChangesAsync();
        var sensors = units.Select((unit, i) => new Sensor { Name = $"chart sensor {n}.{i}", Unit = unit, EventResolution = Quarter, Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id }).ToList();
        db.AddRange(sensors);
        await db.SaveChangesAsync();
        return (asset, sensors);
    }

    private static async Task<DataSource> NewSourceAsync(ApiWorld world, string type)
    {
        await using var db = world.Database.CreateContext();
        var source = new DataSource { Name = $"chart {type} {Interlocked.Increment(ref _counter)}", Type = type };
        db.Add(source);
        await db.SaveChangesAsync();
        return source;
    }

    /// <summary>Quarter-hourly beliefs from the start of <see cref="Day"/>, all with one horizon.</summary>
    private static async Task AddAsync(ApiWorld world, Sensor sensor, DataSource source, TimeSpan horizon, params double[] values)
    {
        await using var db = world.Database.CreateContext();
        db.AddRange(values.Select((value, i) => new TimedBelief { SensorId = sensor.Id, SourceId = source.Id, EventStart = Day + (i * Quarter), BeliefHorizon = horizon, EventValue = value }));
        await db.SaveChangesAsync();
    }

    private static async Task SetSensorsToShowAsync(ApiWorld world, GenericAsset asset, string setting)
    {
        await using var db = world.Database.CreateContext();
        await db.GenericAssets.Where(a => a.Id == asset.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.SensorsToShow, setting));
    }
}

using System.Text.Json.Nodes;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Reporting;

/// <summary>
/// FlexMeasures' reporting fixtures (data/models/reporting/tests/conftest.py: <c>setup_dummy_data</c>, <c>profit_report</c>
/// and the market prices of 2015-01-03 from the root conftest), restated with our own code.
/// </summary>
internal sealed record ReportingData(
    Sensor S1,
    Sensor S2,
    Sensor S3,
    Sensor S4,
    Sensor ReportSensor,
    Sensor DailyReportSensor,
    DataSource Source1,
    DataSource Source2,
    DataSource Source2V02,
    Sensor ConsumptionPrice,
    Sensor ProductionPrice,
    Sensor Power,
    Sensor Energy,
    Sensor ProfitHourly,
    Sensor ProfitDaily)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>A UTC instant from a wall-clock time in Amsterdam.</summary>
    public static DateTime InAmsterdam(int year, int month, int day, int hour = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified), Amsterdam);

    public static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static async Task<ReportingData> SeedAsync(TestDatabase database)
    {
        ReportingData data;
        await using (var db = database.CreateContext())
        {
            var type = new GenericAssetType { Name = "DummyGenericAssetType" };
            var dummy = new GenericAsset { Name = "DummyGenericAsset", GenericAssetType = type };
            var report = new GenericAsset { Name = "GenericReport", GenericAssetType = type };
            var device = new GenericAsset { Name = "Electricity Consuming Device", GenericAssetType = type };
            var market = new GenericAsset { Name = "epex", GenericAssetType = type };
            Sensor Hourly(string name, GenericAsset asset, string unit = "", string zone = "UTC") =>
                new() { Name = name, Unit = unit, Timezone = zone, EventResolution = TimeSpan.FromHours(1), GenericAsset = asset };
            var sensors = new[]
            {
                Hourly("sensor 1", dummy, "kW"),
                Hourly("sensor 2", dummy),
                Hourly("sensor 3", dummy, zone: "Europe/Amsterdam"),
                new Sensor { Name = "sensor 4", Unit = "kW", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = dummy },
                Hourly("report sensor", report),
                new Sensor { Name = "daily report sensor", Unit = "", Timezone = "Europe/Amsterdam", EventResolution = Day, GenericAsset = report },
                Hourly("epex_da", market, "EUR/MWh", "Europe/Amsterdam"),
                Hourly("epex_da_production", market, "EUR/MWh", "Europe/Amsterdam"),
                new Sensor { Name = "power", Unit = "MW", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = device },
                new Sensor { Name = "energy", Unit = "MWh", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = device },
                Hourly("profit hourly", report, "EUR", "Europe/Amsterdam"),
                new Sensor { Name = "profit daily", Unit = "EUR", Timezone = "Europe/Amsterdam", EventResolution = Day, GenericAsset = report },
            };
            var source1 = new DataSource { Name = "source1", Type = "A" };
            var source2 = new DataSource { Name = "source2", Type = "B" };
            var source2V02 = new DataSource { Name = "source2", Type = "B", Version = "0.2" };
            db.AddRange(type, dummy, report, device, market);
            db.AddRange(sensors);
            db.AddRange(source1, source2, source2V02);
            await db.SaveChangesAsync();
            data = new ReportingData(
                sensors[0], sensors[1], sensors[2], sensors[3], sensors[4], sensors[5], source1, source2, source2V02,
                sensors[6], sensors[7], sensors[8], sensors[9], sensors[10], sensors[11]);
        }

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
        var day = TimeSpan.FromHours(24);
        Task Save(Sensor sensor, DataSource source, IEnumerable<NewBelief> beliefs) =>
            store.SaveAsync(sensor.Id, source.Id, beliefs.ToList(), false, CancellationToken.None);
        IEnumerable<NewBelief> Hours(DateTime start, int count, Func<int, double> value, int offset = 0) =>
            Enumerable.Range(0, count).Select(t => new NewBelief(start.AddHours(t + offset), day, value(t)));

        // Sensors 1 and 2: values t from both sources, source 2 an hour later.
        foreach (var sensor in new[] { data.S1, data.S2 })
        {
            await Save(sensor, data.Source1, Hours(Utc(2023, 4, 10), 10, t => t));
            await Save(sensor, data.Source2, Hours(Utc(2023, 4, 10), 10, t => t, offset: 1));
        }

        // 24 hourly events of 1 (sensor 1) and −1 (sensor 2); a day more of sensor 1 only.
        await Save(data.S1, data.Source1, Hours(Utc(2023, 5, 10), 48, _ => 1));
        await Save(data.S2, data.Source2, Hours(Utc(2023, 5, 10), 24, _ => -1));

        // Sensor 3: around both daylight-saving changes, and a change of source at noon on 2023-04-24.
        await Save(data.S3, data.Source1, Hours(Utc(2023, 3, 24), 96, t => t).Concat(Hours(Utc(2023, 10, 27), 96, t => t)));
        await Save(data.S3, data.Source1, Hours(Utc(2023, 4, 24), 13, _ => 1));
        await Save(data.S3, data.Source2, Hours(Utc(2023, 4, 24), 12, _ => -1, offset: 12));
        await store.SaveAsync(data.S3.Id, data.Source2V02.Id, [new NewBelief(Utc(2023, 4, 24, 23), TimeSpan.FromHours(25), 3)], false, CancellationToken.None);

        // Sensor 4: three days of 1 kW.
        await Save(data.S4, data.Source1, Hours(Utc(2023, 1, 1), 72, _ => 1));

        // 2015-01-03 in Amsterdam: eight hours of negative prices, then sixteen dear ones; production 40 EUR/MWh below consumption.
        var pricesStart = InAmsterdam(2015, 1, 3);
        await store.SaveAsync(data.ConsumptionPrice.Id, data.Source1.Id, [.. Enumerable.Range(0, 24).Select(h => new NewBelief(pricesStart.AddHours(h), TimeSpan.Zero, h < 8 ? -10 : 100))], false, CancellationToken.None);
        await store.SaveAsync(data.ProductionPrice.Id, data.Source1.Id, [.. Enumerable.Range(0, 24).Select(h => new NewBelief(pricesStart.AddHours(h), TimeSpan.Zero, h < 8 ? -50 : 60))], false, CancellationToken.None);

        // Producing 100 kW for four hours, then consuming 100 kW for four hours, three times; as power and as energy.
        double Pattern(int quarter, double amount) => quarter % 32 < 16 ? amount : -amount;
        await store.SaveAsync(data.Power.Id, data.Source1.Id, [.. Enumerable.Range(0, 96).Select(q => new NewBelief(pricesStart.AddMinutes(15 * q), TimeSpan.Zero, Pattern(q, 0.1)))], false, CancellationToken.None);
        await store.SaveAsync(data.Energy.Id, data.Source1.Id, [.. Enumerable.Range(0, 96).Select(q => new NewBelief(pricesStart.AddMinutes(15 * q), TimeSpan.Zero, Pattern(q, 0.025)))], false, CancellationToken.None);
        return data;
    }

    /// <summary>FlexMeasures' parameters JSON for one output sensor.</summary>
    public static JsonObject Parameters(DateTime start, DateTime end, JsonArray inputs, Sensor output, DateTime? beliefTime = null, string? resolution = null)
    {
        var parameters = new JsonObject
        {
            ["input"] = inputs,
            ["output"] = new JsonArray(new JsonObject { ["sensor"] = output.Id }),
            ["start"] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["end"] = end.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (beliefTime is { } b)
        {
            parameters["belief_time"] = b.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (resolution is not null)
        {
            parameters["resolution"] = resolution;
        }

        return parameters;
    }

    public static JsonObject Input(Sensor sensor, string? name = null, params DataSource[] sources)
    {
        var input = new JsonObject { ["sensor"] = sensor.Id };
        if (name is not null)
        {
            input["name"] = name;
        }

        if (sources.Length > 0)
        {
            input["sources"] = new JsonArray([.. sources.Select(s => (JsonNode)s.Id)]);
        }

        return input;
    }

    public static async Task<ComputedReport> ComputeAsync(TestDatabase database, string reporter, JsonObject config, JsonObject parameters)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportService>().ComputeAsync(new ReportRequest(reporter, config, parameters, SaveConfig: true), CancellationToken.None);
    }

    /// <summary>The values a report would store (its gaps left out).</summary>
    public static List<double> Values(ReportResult result) => [.. result.Values.Where(v => v is not null).Select(v => v!.Value)];
}

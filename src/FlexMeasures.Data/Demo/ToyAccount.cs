using System.Text.Json.Nodes;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Demo;

/// <summary>
/// FlexMeasures' "toy account" for trying the platform: a building with solar panels and a battery, a public
/// day-ahead price sensor and a public weather station, with a few weeks of plausible measurements
/// (made up, deterministic) up to the current day. Idempotent: a second run adds nothing.
/// </summary>
public sealed class ToyAccount(
    FlexMeasuresDbContext db,
    InitialStructure initialStructure,
    AccountService accounts,
    UserService users,
    AssetService assets,
    SensorService sensors,
    BeliefStore beliefs,
    TimeProvider clock)
{
    public const string AccountName = "Toy Account";
    public const string UserEmail = "toy-user@flexmeasures.io";

    /// <summary>A platform admin of the toy account, for the job dashboard (<c>/tasks</c>); same password as the toy user.</summary>
    public const string AdminEmail = "toy-admin@flexmeasures.io";
    public const string SourceName = "toy data";

    /// <summary>Creates what is missing and returns the toy sensors.</summary>
    /// <param name="password">Password of the toy user (at least 8 characters), used only when the user is new.</param>
    /// <param name="days">Days of measurements to add, ending at the start of the current day (UTC).</param>
    public async Task<ToySensors> EnsureAsync(string password, int days, CancellationToken cancellationToken)
    {
        await initialStructure.EnsureAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Name == AccountName, cancellationToken)
            ?? await accounts.CreateAsync(AccountName, ["Prosumer"], null, actor: null, cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Email == UserEmail, cancellationToken))
        {
            await users.CreateAsync(new NewUser("toy-user", UserEmail, account.Id, password, [UserRoles.AccountAdmin]), cancellationToken);
        }

        // A separate admin keeps the API examples on an ordinary account admin, as a real installation would.
        if (!await db.Users.AnyAsync(u => u.Email == AdminEmail, cancellationToken))
        {
            await users.CreateAsync(new NewUser("toy-admin", AdminEmail, account.Id, password, [UserRoles.Admin]), cancellationToken);
        }

        var building = await AssetAsync("toy-building", "building", account.Id, null, 52.374, 4.88969, cancellationToken);
        var solar = await AssetAsync("toy-solar", "solar", account.Id, building.Id, 52.374, 4.88969, cancellationToken);
        var battery = await AssetAsync("toy-battery", "battery", account.Id, building.Id, 52.374, 4.88969, cancellationToken);
        var market = await AssetAsync("NL day-ahead market", "market", null, null, null, null, cancellationToken);
        var station = await AssetAsync("Amsterdam weather station", "weather station", null, null, 52.37, 4.9, cancellationToken);
        var toy = new ToySensors(
            await SensorAsync("consumption", "kW", TimeSpan.FromMinutes(15), building.Id, cancellationToken),
            await SensorAsync("production", "kW", TimeSpan.FromMinutes(15), solar.Id, cancellationToken),
            await SensorAsync("power", "kW", TimeSpan.FromMinutes(15), battery.Id, cancellationToken),
            await SensorAsync("day-ahead prices", "EUR/MWh", TimeSpan.FromHours(1), market.Id, cancellationToken,
                "x_days_ago_at_y_oclock", """{"x": 1, "y": 12, "z": "Europe/Paris"}"""),
            await SensorAsync("temperature", "°C", TimeSpan.Zero, station.Id, cancellationToken),
            await SensorAsync("irradiance", "W/m²", TimeSpan.Zero, station.Id, cancellationToken),
            battery.Id);

        var source = await db.DataSources.SingleOrDefaultAsync(s => s.Name == SourceName && s.Type == "demo script", cancellationToken);
        if (source is null)
        {
            source = new DataSource { Name = SourceName, Type = "demo script" };
            db.DataSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
        }

        var end = clock.GetUtcNow().UtcDateTime.Date;
        var start = end.AddDays(-days);
        var weather = new Random(7);
        var clouds = Enumerable.Range(0, days + 1).Select(_ => weather.NextDouble()).ToArray();
        await SaveAsync(toy.Consumption, source.Id, start, end, TimeSpan.FromMinutes(15), t => Consumption(t, weather), cancellationToken);
        await SaveAsync(toy.Production, source.Id, start, end, TimeSpan.FromMinutes(15), t => Solar(t, clouds[(t - start).Days]), cancellationToken);
        await SaveAsync(toy.Battery, source.Id, start, end, TimeSpan.FromMinutes(15), Battery, cancellationToken);
        await SaveAsync(toy.Prices, source.Id, start, end, TimeSpan.FromHours(1), t => Price(t, weather), cancellationToken);
        await SaveAsync(toy.Temperature, source.Id, start, end, TimeSpan.FromHours(1), t => Temperature(t, weather), cancellationToken);
        await SaveAsync(toy.Irradiance, source.Id, start, end, TimeSpan.FromHours(1), t => Solar(t, clouds[(t - start).Days]) * 4, cancellationToken);

        // Price forecasts for today and tomorrow, held two days ahead: every one of them is known from today's
        // midnight on, so a battery schedule for tomorrow can be made at any time of today (with one day ahead,
        // tomorrow's last hours became known only late today, and the quick start's schedule failed before then).
        await SaveAsync(toy.Prices, source.Id, end, end.AddDays(2), TimeSpan.FromHours(1), t => Price(t, weather), cancellationToken, TimeSpan.FromDays(2));

        // The battery's flexibility and the building's prices, so a trigger with just a start and duration works.
        await assets.UpdateAsync(
            battery.Id, null, null, null, null,
            new JsonObject
            {
                ["sensor"] = toy.Battery,
                ["soc-at-start"] = "150 kWh",
                ["soc-min"] = "20 kWh",
                ["soc-max"] = "400 kWh",
                ["power-capacity"] = "100 kW",
                ["roundtrip-efficiency"] = "90%",
            }.ToJsonString(),
            null,
            cancellationToken);
        await assets.UpdateAsync(
            building.Id, null, null, null, null, null, new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = toy.Prices } }.ToJsonString(), cancellationToken);
        return toy;
    }

    private async Task SaveAsync(
        int sensorId, int sourceId, DateTime start, DateTime end, TimeSpan step, Func<DateTime, double> value, CancellationToken cancellationToken, TimeSpan horizon = default)
    {
        var events = new List<NewBelief>();
        for (var t = start; t < end; t += step)
        {
            events.Add(new NewBelief(t, horizon, Math.Round(value(t), 2)));
        }

        await beliefs.SaveAsync(sensorId, sourceId, events, allowOverwrite: false, cancellationToken);
    }

    private async Task<GenericAsset> AssetAsync(string name, string type, int? accountId, int? parentId, double? latitude, double? longitude, CancellationToken cancellationToken)
    {
        var existing = await db.GenericAssets.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Name == name && a.AccountId == accountId && a.ParentAssetId == parentId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var typeId = await db.GenericAssetTypes.Where(t => t.Name == type).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken)
            ?? (await assets.CreateTypeAsync(type, type, cancellationToken)).Id;
        return await assets.CreateAsync(new NewAsset(name, typeId, accountId, parentId, latitude, longitude), cancellationToken);
    }

    private async Task<int> SensorAsync(
        string name, string unit, TimeSpan resolution, int assetId, CancellationToken cancellationToken, string horizon = "ex_post", string? horizonParameters = null)
    {
        var existing = await db.Sensors.Where(s => s.Name == name && s.GenericAssetId == assetId).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
        return existing ?? (await sensors.CreateAsync(
            new NewSensor(name, unit, Time.IsoDuration.Format(resolution), "Europe/Amsterdam", assetId, horizon, horizonParameters), cancellationToken)).Id;
    }

    private static double LocalHour(DateTime utc) => utc.AddHours(1).TimeOfDay.TotalHours;

    private static double Consumption(DateTime t, Random random)
    {
        var hour = LocalHour(t);
        var weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var office = hour is >= 7 and < 19 ? (weekend ? 20 : 90) * Math.Sin(Math.PI * (hour - 7) / 12) : 0;
        return 40 + office + (random.NextDouble() * 6);
    }

    private static double Solar(DateTime t, double cloudiness)
    {
        var hour = LocalHour(t);
        return hour is > 7 and < 19 ? 120 * Math.Sin(Math.PI * (hour - 7) / 12) * (1 - (0.7 * cloudiness)) : 0;
    }

    private static double Battery(DateTime t)
    {
        var hour = LocalHour(t);
        return hour switch
        {
            >= 11 and < 15 => 50,
            >= 17 and < 21 => -50,
            _ => 0,
        };
    }

    private static double Price(DateTime t, Random random)
    {
        var hour = LocalHour(t);
        return 60 + (25 * Math.Sin(Math.PI * (hour - 5) / 12)) - (hour is > 10 and < 15 ? 20 : 0) + (random.NextDouble() * 8);
    }

    private static double Temperature(DateTime t, Random random) =>
        8 + (5 * Math.Sin(Math.PI * (LocalHour(t) - 9) / 12)) + (random.NextDouble() * 1.5);
}

using System.Globalization;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>The "REST API v3 sensor data" read cases of shared/SEMANTICS.md, on both providers.</summary>
public sealed class SeriesReaderTests
{
    private static readonly DateTime Start = DateTimeOffset.Parse("2021-05-02T00:00:00+02:00", CultureInfo.InvariantCulture).UtcDateTime;

    [Theory]
    [BothProviders]
    public async Task Read_AveragesFlowsAndLeavesGaps(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (gas, _, supplier, _) = await SeedAsync(database);

        var series = await ReadAsync(database, new SeriesQuery(gas.Id, Start, TimeSpan.FromMinutes(80), TimeSpan.FromMinutes(20), "m³/h",
            new BeliefQuery { SensorId = gas.Id, SourceIds = [supplier.Id], HorizonsAtMost = TimeSpan.Zero }));

        Assert.Equal([91.5, 92.1, null, null], series.Values.Select(v => v is { } x ? Math.Round(x, 6) : (double?)null));
        Assert.Equal(Start.AddMinutes(60), series.Steps[^1]);
        Assert.Equal("m³/h", series.Unit);
    }

    [Theory]
    [BothProviders]
    public async Task Read_TakesTheFirstValueOfInstantaneousSensors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (_, temperature, supplier, _) = await SeedAsync(database);

        var series = await ReadAsync(database, new SeriesQuery(temperature.Id, Start, TimeSpan.FromMinutes(80), TimeSpan.FromMinutes(20), "°C",
            new BeliefQuery { SensorId = temperature.Id, SourceIds = [supplier.Id] }));

        Assert.Equal([815d, 818d, null, null], series.Values);
    }

    [Theory]
    [BothProviders]
    public async Task Read_GivesNulls_ForAWindowWithoutData(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (gas, _, _, _) = await SeedAsync(database);

        var series = await ReadAsync(database, new SeriesQuery(gas.Id, new DateTime(1921, 5, 1, 22, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(80), TimeSpan.FromMinutes(20)));

        Assert.Equal([null, null, null, null], series.Values);
    }

    [Theory]
    [BothProviders]
    public async Task Read_ConvertsUnits_AndPrefersTheLatestBeliefAmongSources(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (gas, _, _, _) = await SeedAsync(database);

        var series = await ReadAsync(database, new SeriesQuery(gas.Id, Start, TimeSpan.FromMinutes(30), null, "l/h"));

        Assert.Equal(TimeSpan.FromMinutes(10), series.Resolution);
        Assert.Equal([91_300d, 91_700d, 92_100d], series.Values.Select(v => Math.Round(v!.Value, 6)));
    }

    [Theory]
    [BothProviders]
    public async Task Read_TakesTheMedianOfProbabilisticBeliefs_AndTheLatestVersionOfASource(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (gas, _, _, _) = await SeedAsync(database);
        int oldVersion, newVersion;
        await using (var db = database.CreateContext())
        {
            var old = new DataSource { Name = "forecaster", Type = "forecaster", Model = "m", Version = "1.0.0" };
            var current = new DataSource { Name = "forecaster", Type = "forecaster", Model = "m", Version = "1.2.0" };
            db.AddRange(old, current);
            await db.SaveChangesAsync();
            (oldVersion, newVersion) = (old.Id, current.Id);
        }

        await using (var scope = database.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
            var june = Start.AddDays(40);

            // The old version believed later (smaller horizon), but only the latest version counts.
            await store.SaveAsync(gas.Id, oldVersion, [new NewBelief(june, TimeSpan.FromHours(1), 50)], false, CancellationToken.None);
            await store.SaveAsync(gas.Id, newVersion, [new NewBelief(june, TimeSpan.FromHours(2), 10, 0.2), new NewBelief(june, TimeSpan.FromHours(2), 30, 0.8)], false, CancellationToken.None);
        }

        var series = await ReadAsync(database, new SeriesQuery(gas.Id, Start.AddDays(40), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10), "m³/h",
            new BeliefQuery { SensorId = gas.Id, SourceTypes = ["forecaster"] }));

        Assert.Equal([20d, null], series.Values);
    }

    [Theory]
    [BothProviders]
    public async Task Read_KeepsDailyEventsOnLocalMidnights_AcrossTheDstChange(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (gas, _, supplier, _) = await SeedAsync(database);
        int daily;
        await using (var db = database.CreateContext())
        {
            var sensor = new Sensor { Name = "daily gas", Unit = "m³", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromDays(1), GenericAssetId = gas.GenericAssetId };
            db.Sensors.Add(sensor);
            await db.SaveChangesAsync();
            daily = sensor.Id;
        }

        // Local midnights of 27, 28 (a 23-hour day) and 29 March 2021.
        DateTime[] midnights = [new(2021, 3, 26, 23, 0, 0, DateTimeKind.Utc), new(2021, 3, 27, 23, 0, 0, DateTimeKind.Utc), new(2021, 3, 28, 22, 0, 0, DateTimeKind.Utc)];
        await using (var scope = database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(
                daily, supplier.Id, midnights.Select((m, i) => new NewBelief(m, TimeSpan.Zero, i + 1)), false, CancellationToken.None);
        }

        var series = await ReadAsync(database, new SeriesQuery(daily, midnights[0], TimeSpan.FromHours(71)));

        Assert.Equal(midnights, series.Steps);
        Assert.Equal([1d, 2d, 3d], series.Values);
    }

    [Fact]
    public async Task Read_NamesBothUnits_WhenTheyDoNotConvert()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var (gas, _, _, _) = await SeedAsync(database);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(database, new SeriesQuery(gas.Id, Start, TimeSpan.FromHours(1), null, "m")));

        Assert.Equal("unit", error.Field);
        Assert.Contains("m³/h", error.Message, StringComparison.Ordinal);
        Assert.Contains("'m'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SensorSeries> ReadAsync(TestDatabase database, SeriesQuery query)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeriesReader>().ReadAsync(query, CancellationToken.None);
    }

    /// <summary>The gas sensor (m³/h, 10 min) and temperature sensor (°C, instantaneous) of SEMANTICS.md.</summary>
    private static async Task<(Sensor Gas, Sensor Temperature, DataSource Supplier, DataSource Second)> SeedAsync(TestDatabase database)
    {
        Sensor gas, temperature;
        DataSource supplier, second;
        await using (var db = database.CreateContext())
        {
            var type = new GenericAssetType { Name = "gas meter" };
            var asset = new GenericAsset { Name = "site", GenericAssetType = type };
            gas = new Sensor { Name = "gas sensor", Unit = "m³/h", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.FromMinutes(10), GenericAsset = asset };
            temperature = new Sensor { Name = "temperature sensor", Unit = "°C", Timezone = "Europe/Amsterdam", EventResolution = TimeSpan.Zero, GenericAsset = asset };
            supplier = new DataSource { Name = "Supplier", Type = "user" };
            second = new DataSource { Name = "Second", Type = "user" };
            db.AddRange(type, asset, gas, temperature, supplier, second);
            await db.SaveChangesAsync();
        }

        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
        NewBelief At(int minutes, double value) => new(Start.AddMinutes(minutes), TimeSpan.Zero, value);
        await store.SaveAsync(gas.Id, supplier.Id, [At(0, 91.3), At(10, 91.7), At(20, 92.1)], false, CancellationToken.None);
        await store.SaveAsync(gas.Id, second.Id, [At(0, 91.3), At(20, 92.1)], false, CancellationToken.None);
        await store.SaveAsync(temperature.Id, supplier.Id, [At(0, 815), At(10, 817), At(20, 818)], false, CancellationToken.None);
        return (gas, temperature, supplier, second);
    }
}

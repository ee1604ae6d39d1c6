using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Data.Sources;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Probabilistic;
using FlexMeasures.Forecasting.Synthetic;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Tests.Forecasts;

public sealed class QuantileForecastTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task ForecastAsync_StoresOneBeliefPerQuantile_AndReadingGivesTheMedian(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var sensor = await DemandSensorAsync(db);
        var service = Service(db, new ForecastingOptions());
        var run = new ForecastRun(sensor, Start.AddDays(22), Start.AddDays(23), TimeSpan.FromHours(6), "double-seasonal", Quantiles: [0.9, 0.1]);

        var first = await service.ForecastAsync(run, CancellationToken.None);
        var again = await service.ForecastAsync(run, CancellationToken.None);

        Assert.Equal([0.1, 0.5, 0.9], first.Quantiles);
        Assert.Equal(48 * 3, first.Saved.Stored);
        Assert.Equal(SaveStatus.NothingNew, again.Saved.Status);
        var beliefs = await db.TimedBeliefs.AsNoTracking().Where(b => b.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(48 * 3, beliefs.Count);
        foreach (var byEvent in beliefs.GroupBy(b => b.EventStart))
        {
            Assert.Equal([0.1, 0.5, 0.9], byEvent.Select(b => b.CumulativeProbability).Order());
            var values = byEvent.OrderBy(b => b.CumulativeProbability).Select(b => b.EventValue).ToList();
            Assert.Equal(values.Order(), values);
        }

        var read = await new SeriesReader(db, new BeliefSearch(db)).ReadAsync(
            new SeriesQuery(sensor, Start.AddDays(22), TimeSpan.FromDays(1), Beliefs: new BeliefQuery { SensorId = sensor, HorizonsAtLeast = TimeSpan.FromHours(6) }),
            CancellationToken.None);
        var medians = beliefs.Where(b => b.CumulativeProbability == 0.5).OrderBy(b => b.EventStart).Select(b => (double?)b.EventValue);
        Assert.Equal(medians, read.Values);
    }

    [Theory]
    [BothProviders]
    public async Task ForecastAsync_UsesTheConfiguredQuantiles_WhenTheRunNamesNone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var sensor = await DemandSensorAsync(db);

        var outcome = await Service(db, new ForecastingOptions { Quantiles = "0.25, 0.75" })
            .ForecastAsync(new ForecastRun(sensor, Start.AddDays(22), Start.AddDays(22.5), TimeSpan.FromHours(1), "naive"), CancellationToken.None);
        var deterministic = await Service(db, new ForecastingOptions { Quantiles = "0.25, 0.75" })
            .ForecastAsync(new ForecastRun(sensor, Start.AddDays(23), Start.AddDays(23.5), TimeSpan.FromHours(1), "naive", Quantiles: []), CancellationToken.None);

        Assert.Equal([0.25, 0.5, 0.75], outcome.Quantiles);
        Assert.Contains("at quantiles 0.25, 0.5, 0.75", outcome.Describe(), StringComparison.Ordinal);
        Assert.Empty(deterministic.Quantiles);
        Assert.Equal(24, deterministic.Saved.Stored);
        Assert.Equal(24 * 3, await db.TimedBeliefs.CountAsync(b => b.BeliefHorizon > TimeSpan.Zero && b.EventStart < Start.AddDays(23)));
    }

    [Fact]
    public async Task ForecastAsync_RejectsAQuantileOutsideZeroAndOne_AndStoresNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var sensor = await DemandSensorAsync(db);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Service(db, new ForecastingOptions())
            .ForecastAsync(new ForecastRun(sensor, Start.AddDays(22), Start.AddDays(23), TimeSpan.FromHours(1), "naive", Quantiles: [0.1, 1.5]), CancellationToken.None));

        Assert.Equal("quantiles", error.Field);
        Assert.False(await db.TimedBeliefs.AnyAsync(b => b.BeliefHorizon > TimeSpan.Zero));
    }

    [Theory]
    [BothProviders]
    public async Task ForecastAsync_WithLightGbm_StoresItsModelAndTheQuantiles(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var sensor = await DemandSensorAsync(db);

        var outcome = await Service(db, new ForecastingOptions())
            .ForecastAsync(new ForecastRun(sensor, Start.AddDays(22), Start.AddDays(23), TimeSpan.FromHours(24), LightGbmModel.ModelName, Quantiles: [0.1, 0.9]), CancellationToken.None);

        Assert.Equal(["lightgbm"], outcome.ModelsUsed);
        Assert.Equal(48 * 3, outcome.Saved.Stored);
        var sourceId = await db.TimedBeliefs.Where(b => b.BeliefHorizon > TimeSpan.Zero).Select(b => b.SourceId).Distinct().SingleAsync();
        var source = await db.DataSources.SingleAsync(s => s.Id == sourceId);
        Assert.Equal(("FlexMeasures lightgbm", "forecaster", "lightgbm"), (source.Name, source.Type, source.Model));
    }

    [Theory]
    [BothProviders]
    public async Task ForecastAsync_TakesTheWholeErrorWindow_WhenTheSensorIsDaily(DatabaseProvider provider)
    {
        // Daily data: the error window holds 336 events (ResidualQuantiles.WindowEvents), far more than 28 days. The
        // stored quantiles must be those of the whole window, as computed on the full series.
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "daily");
        structure.Sensor.EventResolution = TimeSpan.FromDays(1);
        await db.SaveChangesAsync();
        var random = new Random(7);
        var measured = new Series(Start, TimeSpan.FromDays(1), [.. Enumerable.Range(0, 600).Select(i => (double?)(100 + (10 * Math.Sin(i * 2 * Math.PI / 7)) + ((1 + (i / 100.0)) * random.NextDouble())))]);
        await new BeliefStore(db).SaveAsync(
            structure.Sensor.Id, structure.Source.Id, measured.Values.Select((v, i) => new NewBelief(measured.TimeAt(i), TimeSpan.Zero, v!.Value)), allowOverwrite: false, CancellationToken.None);
        var monday = new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc);
        var sensor = structure.Sensor.Id;

        await Service(db, new ForecastingOptions())
            .ForecastAsync(new ForecastRun(sensor, monday, monday.AddDays(7), TimeSpan.FromDays(2), "naive", Quantiles: [0.1, 0.9]), CancellationToken.None);

        // Belief horizon P2D of an ex_post daily sensor: the library horizon is one day (HorizonMapping).
        var expected = ResidualQuantiles.Forecast(new NaiveModel(), new ForecastRequest(measured, monday, monday.AddDays(7), TimeSpan.FromDays(1)), [0.1, 0.5, 0.9]);
        Assert.Equal(ResidualQuantiles.WindowEvents, expected.Errors);
        var stored = await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == sensor && b.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        foreach (var quantile in expected.Quantiles)
        {
            Assert.Equal(
                quantile.Values.Values,
                stored.Where(b => b.CumulativeProbability == quantile.Level).OrderBy(b => b.EventStart).Select(b => (double?)b.EventValue));
        }
    }

    internal static ForecastService Service(FlexMeasuresDbContext db, ForecastingOptions options)
    {
        var reader = new SeriesReader(db, new BeliefSearch(db));
        return new ForecastService(db, reader, new BeliefStore(db), new ForecasterSources(new DataSourceService(db)), new ForecastInputs(db, reader, new WeatherSensors(db), Options.Create(options)), Options.Create(options));
    }

    /// <summary>Four weeks of half-hourly synthetic demand measured from 2024-01-01; returns the sensor id.</summary>
    internal static async Task<int> DemandSensorAsync(FlexMeasuresDbContext db)
    {
        var structure = await TestStructure.CreateAsync(db, "demand");
        structure.Sensor.EventResolution = TimeSpan.FromMinutes(30);
        await db.SaveChangesAsync();
        var demand = SyntheticDemand.HalfHourly(Start, 4, seed: 2);
        await new BeliefStore(db).SaveAsync(
            structure.Sensor.Id,
            structure.Source.Id,
            demand.Values.Select((v, i) => new NewBelief(demand.TimeAt(i), TimeSpan.Zero, v!.Value)),
            allowOverwrite: false,
            CancellationToken.None);
        return structure.Sensor.Id;
    }
}

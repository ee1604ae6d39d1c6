using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Tests.Forecasts;

public sealed class ForecastInputsTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task FindAsync_ReadsRegressorForecastsKnownAtBeliefTime_NotTheLaterMeasurement(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "site");
        var temperature = new Sensor { Name = "temperature", Unit = "°C", EventResolution = TimeSpan.FromMinutes(15), GenericAsset = structure.Asset };
        db.Sensors.Add(temperature);
        await db.SaveChangesAsync();
        structure.Sensor.Attributes = $$"""{"future-regressors": [{{temperature.Id}}], "country": "NL"}""";
        await db.SaveChangesAsync();

        // For each of 8 events: a forecast 24 h ahead (10 + i), one only 1 h ahead (20 + i), and the measurement (30 + i).
        var events = Enumerable.Range(0, 8).Select(i => Start + (i * TimeSpan.FromMinutes(15))).ToList();
        await new BeliefStore(db).SaveAsync(
            temperature.Id,
            structure.Source.Id,
            events.SelectMany((e, i) => new[]
            {
                new NewBelief(e, TimeSpan.FromHours(24), 10 + i),
                new NewBelief(e, TimeSpan.FromHours(1), 20 + i),
                new NewBelief(e, TimeSpan.Zero, 30 + i),
            }),
            allowOverwrite: false,
            CancellationToken.None);
        var sensor = await db.Sensors.AsNoTracking().Include(s => s.GenericAsset).ThenInclude(a => a!.GenericAssetType).SingleAsync(s => s.Id == structure.Sensor.Id);

        var inputs = Inputs(db);
        var sixHoursAhead = await inputs.FindAsync(sensor, new LightGbmModel(), Start, Start.AddHours(2), TimeSpan.FromHours(6), Start.AddHours(-4), CancellationToken.None);
        var oneHourAhead = await inputs.FindAsync(sensor, new LightGbmModel(), Start, Start.AddHours(2), TimeSpan.FromHours(1), Start.AddHours(1), CancellationToken.None);
        var naive = await inputs.FindAsync(sensor, new NaiveModel(), Start, Start.AddHours(2), TimeSpan.FromHours(1), Start.AddHours(1), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => (double?)(10 + i)), sixHoursAhead.Regressors.Single().Values);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (double?)(20 + i)), oneHourAhead.Regressors.Single().Values);
        Assert.Equal("NL", sixHoursAhead.Calendar.Country);
        Assert.Equal("Europe/Amsterdam", sixHoursAhead.Calendar.TimeZone.Id);
        Assert.Contains("'temperature'", sixHoursAhead.Description, StringComparison.Ordinal);
        Assert.Empty(naive.Regressors);
    }

    [Fact]
    public async Task FindAsync_NamesTheAsset_WhenItsCountryHasNoHolidayCalendar()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "site");
        structure.Asset.Attributes = """{"country": "Atlantis"}""";
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Inputs(db).FindAsync(structure.Sensor, new LightGbmModel(), Start, Start.AddHours(1), TimeSpan.FromHours(1), Start, CancellationToken.None));

        Assert.Contains($"asset {structure.Asset.Id} has country 'Atlantis'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_SaysWhichRegressorIsMissing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "site");
        structure.Sensor.Attributes = """{"regressors": [999]}""";
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Inputs(db).FindAsync(structure.Sensor, new LightGbmModel(), Start, Start.AddHours(1), TimeSpan.FromHours(1), Start, CancellationToken.None));

        Assert.Contains("regressor sensor 999, which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task FindAsync_PutsTheHolidayAnnotationsOfAccountAndAsset_InTheCalendar_AlsoForNaiveModels(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var structure = await TestStructure.CreateAsync(db, "site");
        var annotations = new AnnotationService(db);
        await annotations.AddAsync(
            new NewAnnotation("King's Day", Start.AddDays(1), Start.AddDays(2), null, AnnotationTypes.Holiday, structure.Source.Id),
            [new AnnotatedObject(AnnotatedKind.Account, structure.Account.Id)],
            CancellationToken.None);
        await annotations.AddAsync(
            new NewAnnotation("site closed", Start.AddDays(3), Start.AddDays(4), null, AnnotationTypes.Holiday, structure.Source.Id),
            [new AnnotatedObject(AnnotatedKind.Asset, structure.Asset.Id)],
            CancellationToken.None);
        await annotations.AddAsync(
            new NewAnnotation("a note", Start.AddDays(5), Start.AddDays(6), null, AnnotationTypes.Label, structure.Source.Id),
            [new AnnotatedObject(AnnotatedKind.Asset, structure.Asset.Id)],
            CancellationToken.None);
        var sensor = await db.Sensors.AsNoTracking().Include(s => s.GenericAsset).ThenInclude(a => a!.GenericAssetType).SingleAsync(s => s.Id == structure.Sensor.Id);

        var found = await Inputs(db).FindAsync(sensor, new NaiveModel(), Start, Start.AddDays(7), TimeSpan.FromHours(1), Start.AddDays(7), CancellationToken.None);

        Assert.Equal([(Start.AddDays(1), Start.AddDays(2)), (Start.AddDays(3), Start.AddDays(4))], found.Calendar.HolidayPeriods);
        Assert.True(found.Calendar.IsHolidayAt(Start.AddDays(3).AddHours(12)));
        Assert.False(found.Calendar.IsHolidayAt(Start.AddDays(5).AddHours(12)));
    }

    private static ForecastInputs Inputs(FlexMeasuresDbContext db) =>
        new(db, new SeriesReader(db, new BeliefSearch(db)), new WeatherSensors(db), Options.Create(new ForecastingOptions()));
}

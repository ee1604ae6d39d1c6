using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>The belief cases of shared/SEMANTICS.md, on both providers.</summary>
public sealed class BeliefStoreTests
{
    private static readonly DateTimeOffset Event16 = DateTimeOffset.Parse("2021-03-28T16:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Event17 = DateTimeOffset.Parse("2021-03-28T17:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [BothProviders]
    public async Task Search_GivesAllOrMostRecentBeliefs_PerEventAndSource(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        var saved = await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));

        var all = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false });
        var byId = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false, SourceIds = [fixture.Entsoe.Id] });
        var byName = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false, SourceNames = ["ENTSO-E"] });
        var mostRecent = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id });

        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal(4, all.Count);
        Assert.Equal(all, byId);
        Assert.Equal(all, byName);
        Assert.Equal(2, mostRecent.Count);
        Assert.All(mostRecent, b => Assert.Equal(TimeSpan.Zero, b.BeliefHorizon));
    }

    [Theory]
    [BothProviders]
    public async Task Save_KeepsEarlierBeliefs_WhenTheSameEventsAreBelievedLaterWithOtherValues(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));

        var later = EntsoeBeliefs(10).Select(b => b with { BeliefHorizon = b.BeliefHorizon - TimeSpan.FromHours(1) });
        var result = await fixture.SaveAsync(fixture.Entsoe, later);

        Assert.Equal((4, SaveStatus.Saved), (result.Stored, result.Status));
        Assert.Equal(8, (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false })).Count);
        Assert.Equal([210d, 210d], (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id })).Select(b => b.Value));
    }

    [Theory]
    [BothProviders]
    public async Task Search_SelectsMostRecentBeliefs_PerSource(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));
        await fixture.SaveAsync(fixture.Other, [new NewBelief(Event17.UtcDateTime, TimeSpan.FromHours(5), 30)]);

        var mostRecent = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id });

        Assert.Equal(3, mostRecent.Count);
        Assert.Contains(mostRecent, b => b.SourceId == fixture.Other.Id && b.BeliefHorizon == TimeSpan.FromHours(5));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, new double[] { 10, 10, 10, 9, 9, 9 }, new[] { true, false, false, true, false, false })]
    [InlineData(DatabaseProvider.Postgres, new double[] { 10, 10, 10, 9, 9, 9 }, new[] { true, false, false, true, false, false })]
    [InlineData(DatabaseProvider.Sqlite, new double[] { 10, 10, 9, 10, 10 }, new[] { true, false, true, true, false })]
    [InlineData(DatabaseProvider.Postgres, new double[] { 10, 10, 9, 10, 10 }, new[] { true, false, true, true, false })]
    [InlineData(DatabaseProvider.Sqlite, new double[] { 2, 1, 2 }, new[] { true, true, true })]
    [InlineData(DatabaseProvider.Postgres, new double[] { 2, 1, 2 }, new[] { true, true, true })]
    public async Task Save_SkipsUnchangedBeliefs_PostedOneByOne(DatabaseProvider provider, double[] values, bool[] expectedStored)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);

        var stored = new List<bool>();
        for (var i = 0; i < values.Length; i++)
        {
            var result = await fixture.SaveAsync(fixture.Entsoe, [new NewBelief(Event17.UtcDateTime, TimeSpan.FromHours(values.Length - i), values[i])]);
            stored.Add(result.Stored == 1);
            Assert.Equal(expectedStored[i] ? SaveStatus.Saved : SaveStatus.NothingNew, result.Status);
        }

        Assert.Equal(expectedStored, stored);
        Assert.Equal(expectedStored.Count(s => s), (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false })).Count);
    }

    [Theory]
    [BothProviders]
    public async Task Save_SkipsUnchangedBeliefs_PostedTogether(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        double[] values = [10, 10, 9, 10, 10];

        var result = await fixture.SaveAsync(fixture.Entsoe, values.Select((v, i) => new NewBelief(Event17.UtcDateTime, TimeSpan.FromHours(values.Length - i), v)));

        var stored = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false });
        Assert.Equal((3L, 2L, SaveStatus.SavedWithUnchangedSkipped), (result.Stored, result.Unchanged, result.Status));
        Assert.Equal([TimeSpan.FromHours(5), TimeSpan.FromHours(3), TimeSpan.FromHours(2)], stored.Select(b => b.BeliefHorizon));
    }

    [Theory]
    [BothProviders]
    public async Task Save_StreamsInputLargerThanAChunk_AndSkipsUnchangedBeliefsAcrossChunks(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        var events = (BeliefStore.ChunkSize / 2) + 10_000;
        var beliefs = Enumerable.Range(0, events).SelectMany(i => new[]
        {
            new NewBelief(Event16.UtcDateTime.AddHours(i), TimeSpan.FromHours(2), i % 7),
            new NewBelief(Event16.UtcDateTime.AddHours(i), TimeSpan.FromHours(1), i % 7),
            new NewBelief(Event16.UtcDateTime.AddHours(i), TimeSpan.Zero, (i % 7) + 1),
        });

        var result = await fixture.SaveAsync(fixture.Entsoe, beliefs);

        Assert.Equal((3L * events, 2L * events, (long)events), (result.Received, result.Stored, result.Unchanged));
    }

    [Theory]
    [BothProviders]
    public async Task Save_StoresAProbabilisticBeliefWhole_WhenAnyQuantileChanged(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        NewBelief[] Distribution(TimeSpan horizon, double low, double median) =>
            [new(Event17.UtcDateTime, horizon, low, 0.2), new(Event17.UtcDateTime, horizon, median, 0.5)];

        var first = await fixture.SaveAsync(fixture.Entsoe, Distribution(TimeSpan.FromHours(3), 20, 21));
        var changed = await fixture.SaveAsync(fixture.Entsoe, Distribution(TimeSpan.FromHours(2), 20, 22));
        var same = await fixture.SaveAsync(fixture.Entsoe, Distribution(TimeSpan.FromHours(1), 20, 22));

        Assert.Equal((2L, 2L, 0L), (first.Stored, changed.Stored, same.Stored));
        Assert.Equal(2L, same.Unchanged);
        Assert.Equal(4, (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false })).Count);
    }

    [Theory]
    [BothProviders]
    public async Task Save_RefusesAReplacement_AndStoresNothingOfTheBatch(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, [new NewBelief(Event17.UtcDateTime, TimeSpan.Zero, 21)]);

        var error = await Assert.ThrowsAsync<ReplacementRefusedException>(() => fixture.SaveAsync(
            fixture.Entsoe,
            [new NewBelief(Event16.UtcDateTime, TimeSpan.Zero, 5), new NewBelief(Event17.UtcDateTime, TimeSpan.Zero, 22)]));

        var stored = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false });
        Assert.Contains("is stored as 21; replacing it with 22 is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal([21d], stored.Select(b => b.Value));
    }

    [Theory]
    [BothProviders]
    public async Task Save_UpdatesAReplacement_WhenOverwritingIsAllowed(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, [new NewBelief(Event17.UtcDateTime, TimeSpan.Zero, 21)]);

        var result = await fixture.SaveAsync(fixture.Entsoe, [new NewBelief(Event17.UtcDateTime, TimeSpan.Zero, 22)], allowOverwrite: true);

        Assert.Equal((0L, 1L, SaveStatus.Saved), (result.Stored, result.Replaced, result.Status));
        Assert.Equal([22d], (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id })).Select(b => b.Value));
    }

    [Theory]
    [BothProviders]
    public async Task Save_StoresNothingNew_ForAnIdenticalRepost_AndDropsEmptyValues(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));

        var repost = await fixture.SaveAsync(fixture.Entsoe, [.. EntsoeBeliefs(1), new NewBelief(Event16.UtcDateTime, TimeSpan.FromHours(-1), double.NaN)]);

        Assert.Equal((SaveStatus.NothingNew, 4L, 1L), (repost.Status, repost.Duplicates, repost.Empty));
        Assert.Equal(4, (await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false })).Count);
    }

    [Theory]
    [BothProviders]
    public async Task Search_WorksOutBeliefTimes_FromTheKnowledgeHorizon(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));

        var beliefs = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentBeliefsOnly = false });
        var held2HoursBefore = beliefs.First(b => b.BeliefHorizon == TimeSpan.FromHours(2));
        var beforeTen = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, BeliefsBefore = new DateTime(2021, 3, 27, 10, 0, 0, DateTimeKind.Utc) });

        Assert.Equal(new DateTime(2021, 3, 27, 9, 0, 0, DateTimeKind.Utc), held2HoursBefore.BeliefTime);
        Assert.Equal([(0.2, 20d), (0.5, 21d)], beforeTen.Select(b => (b.CumulativeProbability, b.Value)));
    }

    [Theory]
    [BothProviders]
    public async Task Search_FiltersOnHorizonsWindowAndMostRecentEvent(DatabaseProvider provider)
    {
        await using var fixture = await EpexFixture.CreateAsync(provider);
        await fixture.SaveAsync(fixture.Entsoe, EntsoeBeliefs(1));

        var forecasts = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, HorizonsAtLeast = TimeSpan.FromHours(1), MostRecentBeliefsOnly = false });
        var measurements = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, HorizonsAtMost = TimeSpan.Zero });
        var window = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, EventStartsFrom = Event16.UtcDateTime, EventEndsBefore = Event17.UtcDateTime });
        var lastEvent = await fixture.SearchAsync(new BeliefQuery { SensorId = fixture.Sensor.Id, MostRecentEventsOnly = true });

        Assert.Equal(2, forecasts.Count);
        Assert.Equal(2, measurements.Count);
        Assert.Equal([Event16.UtcDateTime], window.Select(b => b.EventStart));
        Assert.Equal([Event17.UtcDateTime], lastEvent.Select(b => b.EventStart).Distinct());
    }

    private static NewBelief[] EntsoeBeliefs(double factor) =>
    [
        new(Event16.UtcDateTime, TimeSpan.Zero, 21 * factor),
        new(Event17.UtcDateTime, TimeSpan.Zero, 21 * factor),
        new(Event17.UtcDateTime, TimeSpan.FromHours(2), 20 * factor, 0.2),
        new(Event17.UtcDateTime, TimeSpan.FromHours(2), 21 * factor, 0.5),
    ];

    /// <summary>Sensor <c>epex_da</c>: hourly EUR/MWh, known "1 day before at 12:00 Europe/Paris"; sources ENTSO-E and another.</summary>
    private sealed class EpexFixture : IAsyncDisposable
    {
        private TestDatabase _database = null!;

        public Sensor Sensor { get; private set; } = null!;

        public DataSource Entsoe { get; private set; } = null!;

        public DataSource Other { get; private set; } = null!;

        public static async Task<EpexFixture> CreateAsync(DatabaseProvider provider)
        {
            var fixture = new EpexFixture { _database = await TestDatabase.CreateMigratedAsync(provider) };
            await using var db = fixture._database.CreateContext();
            var type = new GenericAssetType { Name = "market" };
            var asset = new GenericAsset { Name = "EPEX", GenericAssetType = type };
            fixture.Sensor = new Sensor
            {
                Name = "epex_da",
                Unit = "EUR/MWh",
                Timezone = "Europe/Paris",
                EventResolution = TimeSpan.FromHours(1),
                KnowledgeHorizonFnc = "x_days_ago_at_y_oclock",
                KnowledgeHorizonPar = """{"x": 1, "y": 12, "z": "Europe/Paris"}""",
                GenericAsset = asset,
            };
            fixture.Entsoe = new DataSource { Name = "ENTSO-E", Type = "market" };
            fixture.Other = new DataSource { Name = "Other", Type = "market" };
            db.AddRange(type, asset, fixture.Sensor, fixture.Entsoe, fixture.Other);
            await db.SaveChangesAsync();
            return fixture;
        }

        public async Task<SaveResult> SaveAsync(DataSource source, IEnumerable<NewBelief> beliefs, bool allowOverwrite = false)
        {
            await using var scope = _database.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(Sensor.Id, source.Id, beliefs, allowOverwrite, CancellationToken.None);
        }

        public async Task<IReadOnlyList<BeliefRecord>> SearchAsync(BeliefQuery query)
        {
            await using var scope = _database.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BeliefSearch>().SearchAsync(query, CancellationToken.None);
        }

        public ValueTask DisposeAsync() => _database.DisposeAsync();
    }
}

using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Data.Tests.Sensors;

/// <summary>
/// The sensor status of a sensor whose knowledge horizon varies per event (day-ahead prices), so belief times cannot be
/// filtered in SQL on either provider: each source's latest event held by now, found by walking back page by page.
/// </summary>
public sealed class SensorStatusReaderTests
{
    private const string DayAhead = """{"x": 1, "y": 12, "z": "Europe/Paris"}""";
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan[] Horizons = [TimeSpan.FromHours(6), TimeSpan.Zero, TimeSpan.FromDays(-2)];
    private static readonly double[] Probabilities = [0.1, 0.5, 0.9];

    // 10:00 in Paris: the prices of 10 June are known (since 9 June 12:00), those of 11 June not yet.
    private static readonly DateTime Now = new(2024, 6, 10, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task ReadAsync_FindsEachSourcesLatestEventHeldByNow_OnASensorWithManyBeliefs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, market, user) = await SeedSensorAsync(database);

        // The market's prices of a year up to two days ahead, known the day before at noon (belief horizon 0).
        var prices = Hours(Now.AddDays(-365), Now.AddDays(2)).Select(t => new NewBelief(t, TimeSpan.Zero, 50)).ToList();

        // Corrections of the last 200 days recorded 300 days after their knowledge time: none is held yet, and they
        // are more rows than a page, so the reader must walk back beyond the first pages to the older ones.
        var held = Hours(Now.AddDays(-400), Now.AddDays(-200)).Select(t => new NewBelief(t, TimeSpan.Zero, 1));
        var later = Hours(Now.AddDays(-200), Now).Select(t => new NewBelief(t, TimeSpan.FromDays(-300), 2));
        var corrections = held.Concat(later).ToList();
        Assert.True(corrections.Count(b => b.BeliefHorizon < TimeSpan.Zero) > BeliefSearch.PageSize);
        await SaveAsync(database, sensor.Id, market.Id, prices);
        await SaveAsync(database, sensor.Id, user.Id, corrections);

        await using var scope = database.Services.CreateAsyncScope();
        var reader = new SensorStatusReader(
            scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>(), scope.ServiceProvider.GetRequiredService<BeliefSearch>(), new FakeTimeProvider(Now));
        var statuses = await reader.ReadAsync(sensor, CancellationToken.None);

        var knowledgeTime = (DateTime start) => KnowledgeHorizons.KnowledgeTime("x_days_ago_at_y_oclock", DayAhead, start, Hour);
        DateTime LatestHeld(List<NewBelief> beliefs) => beliefs.Where(b => knowledgeTime(b.EventStart) - b.BeliefHorizon <= Now).Max(b => b.EventStart);
        var expected = SensorStatus.Evaluate(
            new Dictionary<string, DateTime> { ["user"] = LatestHeld(corrections), ["market"] = LatestHeld(prices) },
            knowledgeTime,
            SensorStatusSpecs.Of(sensor),
            Now);
        Assert.Equal(expected, statuses);
        Assert.Equal(new DateTime(2024, 6, 10, 22, 0, 0, DateTimeKind.Utc), LatestHeld(prices).AddHours(1)); // midnight in Paris ends 10 June
        Assert.Equal(Now.AddDays(-200).AddHours(-1), LatestHeld(corrections));
    }

    [Theory]
    [BothProviders]
    public async Task LatestHeldEvents_AreThoseOfTheRuleOverEveryBelief_WhatEverThePageSize(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, market, user) = await SeedSensorAsync(database);

        // Nine beliefs per event (three horizons, three quantiles), so small pages end inside events and one event
        // can hold more beliefs than a page.
        var events = Hours(Now.AddDays(-5), Now.AddDays(2)).ToList();
        var beliefs = events.SelectMany((t, i) =>
            Horizons.SelectMany(h => Probabilities.Select(p => new NewBelief(t, h, i + p + h.TotalHours, p)))).ToList();
        await SaveAsync(database, sensor.Id, market.Id, beliefs);
        await SaveAsync(database, sensor.Id, user.Id, beliefs.Where(b => b.EventStart < Now.AddDays(-3)).ToList());

        await using var scope = database.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<BeliefSearch>();
        var all = await search.SearchAsync(sensor, new BeliefQuery { SensorId = sensor.Id, MostRecentBeliefsOnly = false }, CancellationToken.None);
        Assert.Equal(beliefs.Count + beliefs.Count(b => b.EventStart < Now.AddDays(-3)), all.Count);
        foreach (var asOf in new[] { Now, Now.AddDays(-2).AddMinutes(7), Now.AddDays(-8) })
        {
            foreach (var mostRecentBeliefs in new[] { true, false })
            {
                var query = new BeliefQuery { SensorId = sensor.Id, BeliefsBefore = asOf, MostRecentBeliefsOnly = mostRecentBeliefs, MostRecentEventsOnly = true };
                var expected = BeliefSearch.SelectMostRecent(all.Where(b => b.BeliefTime <= asOf), mostRecentBeliefs, mostRecentEvents: true);
                foreach (var pageSize in new[] { 4, 10, 25, BeliefSearch.PageSize })
                {
                    var found = BeliefSearch.SelectMostRecent(await search.LatestHeldEventsAsync(sensor, query, pageSize, CancellationToken.None), mostRecentBeliefs, mostRecentEvents: true);
                    Assert.Equal(expected, found);
                }

                Assert.Equal(expected, await search.SearchAsync(sensor, query, CancellationToken.None));
                Assert.Equal(asOf == Now.AddDays(-8), expected.Count == 0);
            }
        }
    }

    private static IEnumerable<DateTime> Hours(DateTime from, DateTime until)
    {
        for (var t = from; t < until; t += Hour)
        {
            yield return t;
        }
    }

    private static async Task<(Sensor Sensor, DataSource Market, DataSource User)> SeedSensorAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var type = new GenericAssetType { Name = "market" };
        var sensor = new Sensor
        {
            Name = "day-ahead price",
            Unit = "EUR/MWh",
            Timezone = "Europe/Paris",
            EventResolution = Hour,
            KnowledgeHorizonFnc = "x_days_ago_at_y_oclock",
            KnowledgeHorizonPar = DayAhead,
            GenericAsset = new GenericAsset { Name = "EPEX", GenericAssetType = type },
        };
        var market = new DataSource { Name = "EPEX", Type = "market" };
        var user = new DataSource { Name = "analyst", Type = "user" };
        db.AddRange(type, sensor, market, user);
        await db.SaveChangesAsync();
        return (sensor, market, user);
    }

    private static async Task SaveAsync(TestDatabase database, int sensorId, int sourceId, List<NewBelief> beliefs)
    {
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(sensorId, sourceId, beliefs, false, CancellationToken.None);
    }
}

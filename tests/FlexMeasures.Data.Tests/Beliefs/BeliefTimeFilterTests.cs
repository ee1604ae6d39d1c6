using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>
/// "As of" reads (beliefs held before or after an instant) of sensors whose knowledge horizon is the same for every
/// event, which PostgreSQL filters in SQL: the same beliefs as the rule worked out here, at the boundaries, across a
/// daylight-saving change, with day-long horizons and whatever the session's time zone.
/// </summary>
public sealed class BeliefTimeFilterTests
{
    // The night Europe/Amsterdam moves to summer time; 15-minute events from 00:00 to 04:00 UTC.
    private static readonly DateTime First = new(2021, 3, 28, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan[] Horizons = [TimeSpan.Zero, TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromHours(1)];

    public static TheoryData<DatabaseProvider, string, string?> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, string?>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var knowledge in new[] { "ex_post", "ex_ante" })
            {
                data.Add(provider, knowledge, null);
                data.Add(provider, knowledge, "Europe/Amsterdam");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_KeepsTheBeliefsHeldAtOrBeforeAndAfter_AsTheRuleSays(DatabaseProvider provider, string knowledge, string? sessionTimeZone)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, saved) = await SeedAsync(database, knowledge);
        var knowledgeHorizon = knowledge == "ex_post" ? -Step : TimeSpan.FromHours(2);

        // Exactly at a belief time (kept by "before" and by "after"), between two, and before any.
        var instants = saved.Select(b => b.EventStart - knowledgeHorizon - b.BeliefHorizon).Distinct().OrderBy(t => t).ToList();
        foreach (var instant in new[] { instants[5], instants[5].AddMinutes(7), instants[^3], instants[0].AddMinutes(-1) })
        {
            foreach (var mostRecent in new[] { true, false })
            {
                var before = new BeliefQuery { SensorId = sensor.Id, BeliefsBefore = instant, MostRecentBeliefsOnly = mostRecent };
                var after = new BeliefQuery { SensorId = sensor.Id, BeliefsAfter = instant, MostRecentBeliefsOnly = mostRecent };

                Assert.Equal(Expected(saved, knowledgeHorizon, before), await SearchAsync(database, before, sessionTimeZone));
                Assert.Equal(Expected(saved, knowledgeHorizon, after), await SearchAsync(database, after, sessionTimeZone));
            }
        }
    }

    [Theory]
    [BothProviders]
    public async Task Read_ResamplesTheBeliefsHeldAsOfAnInstant(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (sensor, saved) = await SeedAsync(database, "ex_post");
        var asOf = First.AddHours(2);

        await using var scope = database.Services.CreateAsyncScope();
        var series = await scope.ServiceProvider.GetRequiredService<SeriesReader>().ReadAsync(
            new SeriesQuery(sensor.Id, First, TimeSpan.FromHours(4), TimeSpan.FromHours(1), Beliefs: new BeliefQuery { SensorId = sensor.Id, BeliefsBefore = asOf }),
            CancellationToken.None);

        // Per event the held belief with the smallest horizon: measurements up to 01:45 (known at 02:00), then the forecast 6 h ahead.
        double Held(DateTime start) => saved
            .Where(b => b.EventStart == start && b.EventStart + Step - b.BeliefHorizon <= asOf)
            .MinBy(b => b.BeliefHorizon)!.Value;
        var expected = Enumerable.Range(0, 4)
            .Select(h => (double?)Enumerable.Range(0, 4).Average(q => Held(First.AddHours(h) + (Step * q))))
            .ToList();
        Assert.Equal(expected.Select(v => Math.Round(v!.Value, 9)), series.Values.Select(v => Math.Round(v!.Value, 9)));
        Assert.Equal(saved.Where(b => b.EventStart == First && b.BeliefHorizon == TimeSpan.Zero).Single().Value, Held(First));
        Assert.NotEqual(saved.Where(b => b.EventStart == First.AddHours(3) && b.BeliefHorizon == TimeSpan.Zero).Single().Value, Held(First.AddHours(3)));
    }

    private static List<BeliefRecord> Expected(List<BeliefRecord> saved, TimeSpan knowledgeHorizon, BeliefQuery query)
    {
        var kept = saved
            .Select(b => b with { BeliefTime = b.EventStart - knowledgeHorizon - b.BeliefHorizon })
            .Where(b => (query.BeliefsBefore is not { } before || b.BeliefTime <= before) && (query.BeliefsAfter is not { } after || b.BeliefTime >= after))
            .ToList();
        if (query.MostRecentBeliefsOnly)
        {
            kept = [.. kept.GroupBy(b => b.EventStart).Select(g => g.MinBy(b => b.BeliefHorizon)!)];
        }

        return [.. kept.OrderBy(b => b.EventStart).ThenByDescending(b => b.BeliefHorizon)];
    }

    private static async Task<List<BeliefRecord>> SearchAsync(TestDatabase database, BeliefQuery query, string? sessionTimeZone)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        if (sessionTimeZone is not null && db.Provider == DatabaseProvider.Postgres)
        {
            // Held open, so the search runs in this session: interval arithmetic there would count a day as 23 hours tonight.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT set_config('TimeZone', {sessionTimeZone}, false)");
        }

        var found = await scope.ServiceProvider.GetRequiredService<BeliefSearch>().SearchAsync(query, CancellationToken.None);
        return [.. found];
    }

    private static async Task<(Sensor Sensor, List<BeliefRecord> Saved)> SeedAsync(TestDatabase database, string knowledge)
    {
        await using var db = database.CreateContext();
        var type = new GenericAssetType { Name = "meter" };
        var sensor = new Sensor
        {
            Name = "load",
            Unit = "kW",
            Timezone = "Europe/Amsterdam",
            EventResolution = Step,
            KnowledgeHorizonFnc = knowledge,
            KnowledgeHorizonPar = knowledge == "ex_post" ? """{"ex_post_horizon": "P0D"}""" : """{"ex_ante_horizon": "PT2H"}""",
            GenericAsset = new GenericAsset { Name = "site", GenericAssetType = type },
        };
        var source = new DataSource { Name = "meter", Type = "demo script" };
        db.AddRange(type, sensor, source);
        await db.SaveChangesAsync();

        var beliefs = Enumerable.Range(0, 16)
            .SelectMany(i => Horizons.Select((h, k) => new NewBelief(First + (Step * i), h, (10 * i) + k + 0.5)))
            .ToList();
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(sensor.Id, source.Id, beliefs, false, CancellationToken.None);
        var saved = await scope.ServiceProvider.GetRequiredService<BeliefSearch>().SearchAsync(
            new BeliefQuery { SensorId = sensor.Id, MostRecentBeliefsOnly = false }, CancellationToken.None);
        Assert.Equal(beliefs.Count, saved.Count);
        return (sensor, [.. saved]);
    }
}

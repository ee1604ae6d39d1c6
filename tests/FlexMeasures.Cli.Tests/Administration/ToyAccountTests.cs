using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Administration;

public sealed class ToyAccountTests
{
    [Theory]
    [BothProviders]
    public async Task AddToyAccount_MakesAStructureWithData_AndAddsNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var first = await Ok(database, "add", "toy-account", "--days", "2");
        var counts = await CountsAsync(database);
        var second = await Ok(database, "add", "toy-account", "--days", "2");

        Assert.Contains("log in as toy-user@flexmeasures.io", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        // Measurements of 3 quarter-hourly and 3 hourly sensors, and two days of day-ahead price forecasts for the schedule.
        Assert.Equal((5, 6, (2 * 96 * 3) + (2 * 24 * 3) + (2 * 24)), counts);
        Assert.Equal(counts, await CountsAsync(database));
    }

    [Theory]
    [BothProviders]
    public async Task AddToyAccount_StoresTomorrowsPricesKnownSinceTodaysMidnight_SoAScheduleForTomorrowWorksAtAnyHour(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        await Ok(database, "add", "toy-account", "--days", "2");

        // The hour of the day the account was made does not matter: even the last hourly price of tomorrow was known
        // (its end minus its horizon) by today's midnight. With a one-day horizon it became known only late today.
        await using var db = database.CreateContext();
        var tomorrow = DateTime.UtcNow.Date.AddDays(1);
        var prices = await db.Sensors.Where(s => s.Name == "day-ahead prices").Select(s => s.Id).SingleAsync();
        var ahead = await db.TimedBeliefs.Where(b => b.SensorId == prices && b.EventStart >= tomorrow)
            .Select(b => new { b.EventStart, b.BeliefHorizon }).ToListAsync();
        Assert.Equal(24, ahead.Count);
        Assert.All(ahead, b => Assert.True(b.EventStart.AddHours(1) - b.BeliefHorizon <= tomorrow.AddDays(-1), $"{b.EventStart:O} known only at {b.EventStart.AddHours(1) - b.BeliefHorizon:O}"));
    }

    private static async Task<(int Assets, int Sensors, int Beliefs)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.GenericAssets.CountAsync(), await db.Sensors.CountAsync(), await db.TimedBeliefs.CountAsync());
    }
}

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

    private static async Task<(int Assets, int Sensors, int Beliefs)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.GenericAssets.CountAsync(), await db.Sensors.CountAsync(), await db.TimedBeliefs.CountAsync());
    }
}

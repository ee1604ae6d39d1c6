using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using static FlexMeasures.Cli.Tests.Administration.StructureCommandsTests;

namespace FlexMeasures.Cli.Tests.Annotations;

public sealed class AnnotationCommandsTests
{
    [Theory]
    [BothProviders]
    public async Task AddShowDeleteAnnotation_AttachListAndRemove_OnSeveralObjects(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);

        var added = await Ok(database, "add", "annotation", "--content", "Maintenance window", "--at", "2024-12-20T10:00:00+01:00",
            "--until", "2024-12-20T12:00:00+01:00", "--account", "1", "--asset", "1", "--sensor", "1", "--user", "1");
        var again = await Ok(database, "add", "annotation", "--content", "Maintenance window", "--at", "2024-12-20T10:00:00+01:00",
            "--until", "2024-12-20T12:00:00+01:00", "--asset", "1", "--user", "1");
        await Ok(database, "add", "annotation", "--content", "Whole day", "--at", "2024-12-21T00:00:00+01:00", "--type", "alert", "--asset", "1", "--user", "1");
        var shown = await Ok(database, "show", "annotations", "--asset", "1", "--json");
        var december21 = await Ok(database, "show", "annotations", "--asset", "1", "--start", "2024-12-20T12:00:00+01:00", "--json");
        var deleted = await Ok(database, "delete", "annotations", "--asset", "1", "--yes");

        Assert.StartsWith("Added annotation 1 to account 1, asset 1, sensor 1.", added, StringComparison.Ordinal);
        Assert.Contains("stored already (id 1)", again, StringComparison.Ordinal);
        Assert.Contains("\"content\": \"Maintenance window\"", shown, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"ann\"", shown, StringComparison.Ordinal);
        Assert.Contains("\"end\": \"2024-12-21T23:00:00Z\"", december21, StringComparison.Ordinal);
        Assert.DoesNotContain("Maintenance window", december21, StringComparison.Ordinal);
        Assert.Contains("Removed 2 annotations from asset 1; 1 of them were attached to nothing else and are deleted.", deleted, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var left = await db.Annotations.Include(a => a.Accounts).Include(a => a.Sensors).Include(a => a.Assets).SingleAsync();
        Assert.Equal("Maintenance window", left.Content);
        Assert.Empty(left.Assets);
        Assert.Single(left.Accounts);
        Assert.Single(left.Sensors);
    }

    [Theory]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00", "--asset", "1", "--user", "1" }, "--at: '2024-12-20T10:00:00' is not a date and time with an offset")]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00Z", "--until", "2024-12-20T09:00:00Z", "--asset", "1", "--user", "1" }, "--until: must be after start.")]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00Z", "--type", "party", "--asset", "1", "--user", "1" }, "--type: must be one of: alert")]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00Z", "--user", "1" }, "Give at least one --account, --asset or --sensor.")]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00Z", "--asset", "1", "--sensor", "7", "--user", "1" }, "--sensor: no sensor with id 7.")]
    [InlineData(new[] { "--content", "x", "--at", "2024-12-20T10:00:00Z", "--asset", "1", "--user", "9" }, "--user: no user with id 9.")]
    public async Task AddAnnotation_RefusesBadInput_AndStoresNothing(string[] args, string message)
    {
        await using var database = await StructureAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, ["add", "annotation", .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error.Split('\n').Last(l => l.StartsWith("Error", StringComparison.Ordinal)), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Annotations.CountAsync());
        Assert.Equal(1, await db.DataSources.CountAsync(s => s.Type == "user"));
    }

    [Theory]
    [BothProviders]
    public async Task AddHolidays_StoresEachHolidayOnce_AtLocalMidnight_FromFlexMeasuresSource(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);

        var first = await Ok(database, "add", "holidays", "--year", "2025", "--country", "NL", "--account", "1", "--timezone", "Europe/Amsterdam");
        var second = await Ok(database, "add", "holidays", "--year", "2025", "--country", "NL", "--account", "1", "--asset", "1", "--timezone", "Europe/Amsterdam");
        var state = await Ok(database, "add", "holidays", "--year", "2025", "--country", "DE", "--subdiv", "BE", "--asset", "1", "--timezone", "Europe/Berlin");

        Assert.Contains("Added 11 holidays of NL in 2025 (11 new, source 'workalendar') to account 1.", first, StringComparison.Ordinal);
        Assert.Contains("(0 new, source 'workalendar') to account 1, asset 1.", second, StringComparison.Ordinal);
        Assert.Contains("Added 11 holidays of DE/BE in 2025 (11 new, source 'holidays')", state, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var dutch = await db.Annotations.Include(a => a.Source).Include(a => a.Assets).Include(a => a.Accounts)
            .Where(a => a.Source!.Name == "workalendar").OrderBy(a => a.Start).ToListAsync();
        Assert.Equal(11, dutch.Count);
        Assert.All(dutch, a => Assert.Equal((AnnotationTypes.Holiday, "NL", "CLI script", 1, 1), (a.Type, a.Source!.Model, a.Source.Type, a.Accounts.Count, a.Assets.Count)));
        Assert.Equal(new DateTime(2024, 12, 31, 23, 0, 0, DateTimeKind.Utc), dutch[0].Start);
        Assert.Equal(new DateTime(2025, 1, 1, 23, 0, 0, DateTimeKind.Utc), dutch[0].End);
        Assert.Equal(new DateTime(2025, 4, 25, 22, 0, 0, DateTimeKind.Utc), dutch.Single(a => a.Start.Month == 4 && a.Start.Day == 25).Start);
        Assert.Equal("DE/BE", await db.DataSources.Where(s => s.Name == "holidays").Select(s => s.Model).SingleAsync());
    }

    [Theory]
    [InlineData(new[] { "--year", "2025", "--country", "XX", "--account", "1" }, "--country: no public-holiday calendar for 'XX'")]
    [InlineData(new[] { "--year", "2025", "--country", "NL", "--subdiv", "NH", "--account", "1" }, "--subdivision: subdivisions are known for DE only")]
    [InlineData(new[] { "--year", "2025", "--country", "NL", "--account", "5" }, "--account: no account with id 5.")]
    [InlineData(new[] { "--year", "2025", "--country", "NL" }, "Give at least one --account or --asset.")]
    [InlineData(new[] { "--year", "2025", "--country", "NL", "--account", "1", "--timezone", "Europe/Amsterdan" }, "--timezone: 'Europe/Amsterdan' is not an IANA time zone name")]
    public async Task AddHolidays_RefusesBadInput_AndStoresNothing(string[] args, string message)
    {
        await using var database = await StructureAsync(DatabaseProvider.Sqlite);

        var result = await Cli.RunAsync(database, ["add", "holidays", .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: " + message, result.Error.Split('\n').Last(l => l.StartsWith("Error", StringComparison.Ordinal)), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Annotations.CountAsync());
        Assert.Equal(0, await db.DataSources.CountAsync(s => s.Type == "CLI script"));
    }

    [Theory]
    [BothProviders]
    public async Task DeleteAnnotations_ListsAndAsks_AndChangesNothingWithoutYes(DatabaseProvider provider)
    {
        await using var database = await StructureAsync(provider);
        await Ok(database, "add", "holidays", "--year", "2025", "--country", "NL", "--account", "1", "--timezone", "Europe/Amsterdam");

        var refused = await Cli.RunWithInputAsync(database, "n\n", "delete", "annotations", "--account", "1", "--type", "holiday", "--start", "2025-12-01T00:00:00+01:00");
        var accepted = await Cli.RunWithInputAsync(database, "y\n", "delete", "annotations", "--type", "holiday", "--start", "2025-12-01T00:00:00+01:00");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("2025-12-24 23:00:00 UTC", refused.Output, StringComparison.Ordinal);
        Assert.Contains("2025-12-25 23:00:00 UTC", refused.Output, StringComparison.Ordinal);
        Assert.Contains("Remove these 2 annotations from account 1? [y/N]", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("Removed 2 annotations everywhere; 2 of them", accepted.Output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(9, await db.Annotations.CountAsync());
    }

    private static async Task<TestDatabase> StructureAsync(DatabaseProvider provider)
    {
        var database = await AccountDatabaseAsync(provider);
        await Cli.RunWithInputAsync(database, "long enough pw\n", "add", "user", "--username", "ann", "--email", "ann@example.org", "--account", "1", "--password-stdin");
        await Ok(database, "add", "asset-type", "--name", "building");
        await Ok(database, "add", "asset", "--name", "office", "--asset-type", "1", "--account", "1");
        await Ok(database, "add", "sensor", "--name", "power", "--unit", "kW", "--event-resolution", "PT15M", "--timezone", "Europe/Amsterdam", "--asset", "1");
        return database;
    }
}

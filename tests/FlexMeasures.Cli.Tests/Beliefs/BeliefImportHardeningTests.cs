using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using static FlexMeasures.Cli.Tests.Beliefs.BeliefCommandsTests;

namespace FlexMeasures.Cli.Tests.Beliefs;

/// <summary>CSV files that must not be guessed at, imports that run at once, and names that cannot be stored.</summary>
public sealed class BeliefImportHardeningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fm-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_StoresTheUnionOnce_WhenTwoOverlappingImportsRunAtOnce(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var first = Csv(["t,v", .. Rows(0, 400)]);
        var second = Csv(["t,v", .. Rows(200, 400)]);

        // Both name a source that does not exist yet: they must also agree on one new source.
        var results = await Task.WhenAll(
            Cli.RunAsync(database, "add", "beliefs", first, "--sensor", "1", "--source", "meter", "--horizon", "PT0H"),
            Cli.RunAsync(database, "add", "beliefs", second, "--sensor", "1", "--source", "meter", "--horizon", "PT0H"));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        await using var db = database.CreateContext();
        Assert.Equal(600, await db.TimedBeliefs.CountAsync());
        Assert.Equal(1, await db.DataSources.CountAsync(s => s.Name == "meter"));
    }

    public static TheoryData<DatabaseProvider, string[], string[], string> RefusedFiles() => new()
    {
        { DatabaseProvider.Sqlite, ["t,v", "2021-05-02T00:00:00Z,1", "2021-05-02T00:15:00Z,2", "2021-05-02T00:15:00Z,3"], [], "Line 4: the same event (2021-05-02T00:15:00Z) and belief time as line 3, with another value (2 there, 3 here)" },
        { DatabaseProvider.Postgres, ["t,v", "2021-05-02T00:00:00Z,1", "2021-05-02T00:00:00Z,5"], ["--no-resample"], "Line 3: the same event (2021-05-02T00:00:00Z) and belief time as line 2" },
        { DatabaseProvider.Sqlite, ["t,v", "2021-03-28 01:45:00,1", "2021-03-28 02:00:00,2"], [], "Line 3: '2021-03-28 02:00:00' in column 0 (event start) does not exist in Europe/Amsterdam" },
        { DatabaseProvider.Postgres, ["t,v", "2021-10-31 02:15:00,1"], [], "Line 2: '2021-10-31 02:15:00' in column 0 (event start) happens twice in Europe/Amsterdam" },
        { DatabaseProvider.Sqlite, ["t,v", "2021-05-02T00:00:00Z,1", "2021-05-02T00:15:00Z,\"2", "2021-05-02T00:30:00Z,3"], [], "Line 3: a quote (\") opens a field that is never closed" },
        { DatabaseProvider.Postgres, ["t,v", "2021-05-02T00:00:00Z,1", "2021-05-02T00:15:00Z,\"2"], [], "Line 3: a quote (\") opens a field that is never closed" },
        { DatabaseProvider.Sqlite, ["t,v", "03/04/1976 00:00,1"], [], "Line 2: '03/04/1976 00:00' in column 0 is not a date and time (event start) in ISO 8601" },
        { DatabaseProvider.Postgres, ["t,v", "2021-05-02T00:00:00Z,1", "9999-05-02T00:00:00Z,1"], [], "Line 3: '9999-05-02T00:00:00Z' in column 0 (event start) is outside the supported range of instants" },
        { DatabaseProvider.Sqlite, ["t,v", "1850-05-02T00:00:00Z,1"], [], "Line 2: '1850-05-02T00:00:00Z' in column 0 (event start) is outside the supported range of instants" },
        { DatabaseProvider.Postgres, ["t,v"], [], "Error: --file: '" },
        { DatabaseProvider.Sqlite, [], [], "Error: --file: '" },
        { DatabaseProvider.Postgres, ["t,v", "2021-05-02T00:00:00Z,1"], ["--prior", "9999-01-01T00:00:00Z"], "Error: --prior: 9999-01-01T00:00:00+00:00 is outside the supported range of instants" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task AddBeliefs_ExitsWithTheLineAndStoresNothing_WhenARowCannotBeReadAsMeant(DatabaseProvider provider, string[] lines, string[] options, string message)
    {
        await using var database = await SensorDatabaseAsync(provider);
        var file = Csv(lines);

        var result = await Cli.RunAsync(database, ["add", "beliefs", file, "--sensor", "1", "--source", "meter", .. options.Contains("--prior") ? Array.Empty<string>() : ["--horizon", "PT0H"], .. options]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.TimedBeliefs.CountAsync());
        Assert.False(await db.DataSources.AnyAsync(s => s.Name == "meter"));
    }

    [Theory]
    [BothProviders]
    public async Task AddBeliefs_SaysTheFileHasNoDataRows_WhenItHoldsOnlyAHeader(DatabaseProvider provider)
    {
        await using var database = await SensorDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, "add", "beliefs", Csv("datetime,value"), "--sensor", "1", "--source", "meter", "--horizon", "PT0H");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no data rows after the first 1 line(s)", result.Error, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string[], string[], DateTime[]> ChosenReadings() => new()
    {
        // Identical repeats are read once.
        { DatabaseProvider.Sqlite, ["t,v", "2021-05-02T00:00:00Z,1", "2021-05-02T00:00:00Z,1"], ["--no-resample"], [new(2021, 5, 2, 0, 0, 0)] },
        { DatabaseProvider.Postgres, ["t,v", "2021-10-31 02:15:00,1"], ["--ambiguous", "earliest"], [new(2021, 10, 31, 0, 15, 0)] },
        { DatabaseProvider.Sqlite, ["t,v", "2021-10-31 02:15:00,1"], ["--ambiguous", "latest"], [new(2021, 10, 31, 1, 15, 0)] },
        { DatabaseProvider.Postgres, ["t,v", "2021-03-28 02:15:00,1"], ["--nonexistent", "shift-forward"], [new(2021, 3, 28, 1, 15, 0)] },
        { DatabaseProvider.Sqlite, ["t,v", "03/04/1976 00:00,1"], ["--date-format", "dd/MM/yyyy HH:mm"], [new(1976, 4, 2, 23, 0, 0)] },
        { DatabaseProvider.Postgres, ["t,v", "2021-01-01 00:00:00,1", "2021-01-01T00:15:00+01:00,2", "2021-01-02,3"], ["--no-resample"], [new(2020, 12, 31, 23, 0, 0), new(2020, 12, 31, 23, 15, 0), new(2021, 1, 1, 23, 0, 0)] },
    };

    [Theory]
    [MemberData(nameof(ChosenReadings))]
    public async Task AddBeliefs_StoresWhatTheOptionsChoose(DatabaseProvider provider, string[] lines, string[] options, DateTime[] stored)
    {
        await using var database = await SensorDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, ["add", "beliefs", Csv(lines), "--sensor", "1", "--source", "meter", "--belief-time-column", "0", "--no-resample", .. options.Where(o => o != "--no-resample")]);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = database.CreateContext();
        Assert.Equal(stored, (await db.TimedBeliefs.OrderBy(b => b.EventStart).ThenByDescending(b => b.BeliefHorizon).Select(b => b.EventStart).ToListAsync())
            .Select(t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified)));
    }

    public static TheoryData<DatabaseProvider, string[], string> UnstorableStructure() => new()
    {
        { DatabaseProvider.Sqlite, ["add", "sensor", "--name", "pow\u0001er", "--unit", "MW", "--event-resolution", "PT15M", "--timezone", "UTC", "--asset", "1"], "Error: --name: must not contain control characters; found U+0001 at position 4." },
        { DatabaseProvider.Postgres, ["add", "asset", "--name", "battery 2", "--asset-type", "1", "--account", "1", "--attributes", "{\"note\": \"a\\u0000b\"}"], "Error: --attributes.note: must not contain control characters; found U+0000 at position 2." },
        { DatabaseProvider.Postgres, ["add", "asset", "--name", "battery 3", "--asset-type", "1", "--account", "1", "--attributes", "{\"n\": 1" + new string('0', 1000) + "}"], "does not fit a double" },
        { DatabaseProvider.Sqlite, ["add", "account", "--name", "Acme\u001b[2J"], "Error: --name: must not contain control characters" },
        { DatabaseProvider.Postgres, ["add", "source", "--name", "gate\u0000way"], "Error: --name: must not contain control characters" },
        { DatabaseProvider.Postgres, ["edit", "attribute", "--sensor", "1", "--attribute", "note", "--str", "x\u0000y"], "Error: --attribute: must not contain control characters" },
    };

    [Theory]
    [MemberData(nameof(UnstorableStructure))]
    public async Task Structure_ExitsWithTheOption_WhenTextHoldsControlCharactersOrANumberBeyondADouble(DatabaseProvider provider, string[] args, string message)
    {
        await using var database = await SensorDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, new[] { "add", "forecasts", "--sensor", "1", "--from", "9999-01-01", "--until", "9999-01-02" }, "Error: --from: 9999-01-01T00:00:00+00:00 is outside the supported range of instants")]
    [InlineData(DatabaseProvider.Postgres, new[] { "show", "beliefs", "--sensor", "1", "--start", "9999-01-01T00:00:00Z", "--duration", "P1D" }, "Error: --start: 9999-01-01T00:00:00+00:00 is outside the supported range of instants")]
    [InlineData(DatabaseProvider.Sqlite, new[] { "show", "beliefs", "--sensor", "1", "--start", "2199-12-31T00:00:00Z", "--duration", "P2D" }, "Error: --duration: the window ends outside the supported range of instants")]
    public async Task Commands_ExitWithTheOption_WhenAnInstantIsOutsideTheSupportedRange(DatabaseProvider provider, string[] args, string message)
    {
        await using var database = await SensorDatabaseAsync(provider);

        var result = await Cli.RunAsync(database, args);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "bell\u0007", "bell@example.org", "Error: --username: must not contain control characters; found U+0007 at position 5.")]
    [InlineData(DatabaseProvider.Postgres, "nul", "n\u0000ul@example.org", "Error: --email: must not contain control characters; found U+0000 at position 2.")]
    public async Task AddUser_ExitsWithTheOption_WhenTheNameOrEmailHoldsAControlCharacter(DatabaseProvider provider, string username, string email, string message)
    {
        await using var database = await SensorDatabaseAsync(provider);

        var result = await Cli.RunWithInputAsync(database, "a long secret password\n", "add", "user", "--username", System.Text.RegularExpressions.Regex.Unescape(username),
            "--email", System.Text.RegularExpressions.Regex.Unescape(email), "--account", "1", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync());
    }

    private static IEnumerable<string> Rows(int fromQuarter, int count) =>
        Enumerable.Range(fromQuarter, count).Select(q => $"{new DateTime(2021, 5, 2, 0, 0, 0).AddMinutes(15 * q):yyyy-MM-ddTHH:mm:ss}Z,{q}");

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}

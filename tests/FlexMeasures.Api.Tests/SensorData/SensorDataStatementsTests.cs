using System.Net;
using FlexMeasures.Api.Tests.Hosting;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary>
/// How many SQL statements one GET of sensor data sends, counted by an interceptor in the web host: the token's
/// user, the sensor (with what the access check needs) and the data, on the common path.
/// </summary>
public sealed class SensorDataStatementsTests
{
    private const string Window = "start=2021-05-02T00:00:00%2B02:00&duration=PT30M&unit=m%C2%B3/h";

    [Theory]
    [BothProviders]
    public async Task Get_SendsThreeStatements_WhenReadingTheLatestBeliefs(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: RequestStatements.AddTo);
        var (sensor, _) = await SeedAsync(world, versioned: false);

        var (values, statements) = await GetAsync(world, sensor, Window);

        Assert.Equal([91.3, 91.7, 92.1], values);
        Assert.Equal(3, statements.Count);
        Assert.Contains("timed_belief", statements[2], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Get_SendsThreeStatements_WhenFilteringOnASource(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: RequestStatements.AddTo);
        var (sensor, source) = await SeedAsync(world, versioned: false);

        var (values, statements) = await GetAsync(world, sensor, $"{Window}&source={source.Id}&source-type=demo%20script");

        Assert.Equal([91.3, 91.7, 92.1], values);
        Assert.Equal(3, statements.Count);
    }

    [Theory]
    [BothProviders]
    public async Task Get_TakesTheLatestVersionInFiveStatements_WhenSourcesAreVersioned(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: RequestStatements.AddTo);
        var (sensor, _) = await SeedAsync(world, versioned: true);

        var (values, statements) = await GetAsync(world, sensor, Window);

        // The shortcut sees the versions in its own statement, then the general path reads the beliefs and the
        // sources' versions; version 2 wins even where version 1 believed later.
        Assert.Equal([191.3, 191.7, 192.1], values);
        Assert.Equal(5, statements.Count);
    }

    [Fact]
    public async Task Get_FiltersBeliefTimesInTheBinnedDataStatement_WhenAPriorIsGivenOnPostgres()
    {
        await using var world = await ApiWorld.CreateAsync(DatabaseProvider.Postgres, replaceServices: RequestStatements.AddTo);
        var (sensor, _) = await SeedAsync(world, versioned: false);

        // Known at each event's end: by 22:15 UTC only the first measurement (22:00-22:10) is.
        var (values, statements) = await GetAsync(world, sensor, $"{Window}&prior=2021-05-02T00:15:00%2B02:00");

        Assert.Equal([91.3, null, null], values);
        Assert.Equal(3, statements.Count);
        Assert.Contains("date_bin", statements[2], StringComparison.Ordinal);
        Assert.Contains("belief_horizon <=", statements[2], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Get_Is422ForTheSource_WhenNoSuchSourceExists(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, replaceServices: RequestStatements.AddTo);
        var (sensor, _) = await SeedAsync(world, versioned: false);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/data?{Window}&source=987654");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Data source with id 987654 doesn't exist.", body!["message"]!["query"]!["source"]![0]!.GetValue<string>());
    }

    private static async Task<(List<double?> Values, IReadOnlyList<string> Statements)> GetAsync(ApiWorld world, Sensor sensor, string query)
    {
        await world.TokenAsync("supplier");
        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/data?{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        var values = body!["values"]!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>()).ToList();
        return (values, RequestStatements.Of(world).For($"/api/v3_0/sensors/{sensor.Id}/data"));
    }

    /// <summary>
    /// A fresh gas sensor with three measurements by a demo script; versioned: also by version 2 of that script (its
    /// values 100 higher), believed earlier than version 1's.
    /// </summary>
    private static async Task<(Sensor Sensor, DataSource Source)> SeedAsync(ApiWorld world, bool versioned)
    {
        var sensor = await world.NewGasSensorAsync();
        using var scope = world.Database.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        var first = new DataSource { Name = "meter script", Type = "demo script", Model = "m", Version = "1" };
        var second = new DataSource { Name = "meter script", Type = "demo script", Model = "m", Version = "2" };
        db.DataSources.Add(first);
        if (versioned)
        {
            db.DataSources.Add(second);
        }

        await db.SaveChangesAsync();
        var store = scope.ServiceProvider.GetRequiredService<BeliefStore>();
        var t0 = new DateTime(2021, 5, 1, 22, 0, 0, DateTimeKind.Utc);
        NewBelief At(int step, double value, TimeSpan horizon) => new(t0.AddMinutes(10 * step), horizon, value);
        await store.SaveAsync(sensor.Id, first.Id, [At(0, 91.3, TimeSpan.Zero), At(1, 91.7, TimeSpan.Zero), At(2, 92.1, TimeSpan.Zero)], false, CancellationToken.None);
        if (versioned)
        {
            var earlier = TimeSpan.FromMinutes(5);
            await store.SaveAsync(sensor.Id, second.Id, [At(0, 191.3, earlier), At(1, 191.7, earlier), At(2, 192.1, earlier)], false, CancellationToken.None);
        }

        return (sensor, first);
    }
}

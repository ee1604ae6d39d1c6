using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FlexMeasures.Api.Tests.SensorData.SensorDataTests;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary>A post and a CSV import of the same values go through one intake and store the same beliefs.</summary>
public sealed class SensorDataIntakeTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fm-intake-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothProviders]
    public async Task PostAndCsvImport_StoreTheSameValues_WhenPercentagesOfTheSensorCapacityArrive(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        static void Battery(Data.Sensors.Sensor s)
        {
            s.Unit = "MW";
            s.EventResolution = TimeSpan.FromMinutes(15);
            s.Attributes = """{"capacity_in_mw": 2}""";
        }

        var posted = await world.NewGasSensorAsync(Battery);
        var imported = await world.NewGasSensorAsync(Battery);
        var file = Path.Combine(_folder, "percentages.csv");
        await File.WriteAllLinesAsync(file, ["datetime,value", "2021-06-07T00:00:00+02:00,50", "2021-06-07T00:15:00+02:00,25", "2021-06-07T00:30:00+02:00,100", "2021-06-07T00:45:00+02:00,"]);

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{posted.Id}/data",
            Body(new JsonArray(50, 25, 100, null), unit: "%"));
        using (var scope = world.Database.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BeliefImporter>().ImportAsync(
                [(file, imported.Id)], "csv meter", new CsvImportOptions(Unit: "%", Horizon: TimeSpan.Zero), null, CancellationToken.None);
        }

        Assert.True(status == HttpStatusCode.OK, answer?.ToJsonString());
        var fromPost = (await BeliefsAsync(world, posted.Id)).Select(b => (b.EventStart, b.BeliefHorizon, b.EventValue)).ToList();
        var fromCsv = (await BeliefsAsync(world, imported.Id)).Select(b => (b.EventStart, b.BeliefHorizon, b.EventValue)).ToList();
        Assert.Equal([1, 0.5, 2], fromPost.Select(b => b.EventValue));
        Assert.Equal(fromPost, fromCsv);

        // And back: read in % of the same capacity, the values are the ones posted.
        var (read, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{posted.Id}/data?start=2021-06-07T00:00:00%2B02:00&duration=PT1H&unit=%25");
        Assert.True(read == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal([50, 25, 100, null], body!["values"]!.AsArray().Select(v => v is null ? (double?)null : Math.Round(v.GetValue<double>(), 9)));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Tests.SensorData;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>
/// <c>FLEXMEASURES_DATABASE_READ_URL</c>: the reads that may lag go to the replica, everything else to the primary
/// (docs/decisions/0020-reads-that-may-lag.md). The replica here is a copy of the primary taken at one moment, which
/// is what a lagging standby looks like to the platform; scripts/cluster-demo.sh runs a real streaming replica.
/// </summary>
public sealed class ReadReplicaTests
{
    [Fact]
    public async Task LaggingReads_ComeFromTheReplica_WhileWritesAndSingleReadsUseThePrimary()
    {
        var primary = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var replicaName = $"fm_test_replica_{Guid.NewGuid():N}";
        var readUrl = TestDatabase.PostgresConnectionString(replicaName);
        await using var world = await ApiWorld.CreateAsync(primary, new Dictionary<string, string?> { ["FLEXMEASURES_DATABASE_READ_URL"] = readUrl });
        var token = await world.TokenAsync("supplier-admin");
        await using (await primary.CopyAsync(replicaName))
        {
            var sensor = world.GasSensor;

            // Written after the copy: on the primary only, as if the standby had not replayed it yet.
            var (posted, _) = await world.SendAsync(HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", token, SensorDataTests.Body(new JsonArray(1, 2, 3, 4, 5, 6)));
            var (created, asset) = await world.SendAsync(HttpMethod.Post, "/api/v3_0/assets", token, new JsonObject
            {
                ["name"] = "new since the copy", ["generic_asset_type_id"] = world.AssetType.Id, ["account_id"] = world.Supplier.Id,
            });
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (posted, created));
            Assert.Equal(6, await SensorDataTests.CountAsync(world, sensor.Id));

            var (read, data) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/sensors/{sensor.Id}/data?start={Uri.EscapeDataString("2021-06-07T00:00:00+02:00")}&duration=PT1H&unit=m%C2%B3%2Fh", token);
            var (listed, assets) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/assets?account_id={world.Supplier.Id}", token);
            var (single, _) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/assets/{asset!["id"]}", token);

            Assert.Equal(HttpStatusCode.OK, read);
            Assert.Equal([null, null, null, null, null, null], data!["values"]!.AsArray().Select(v => v?.GetValue<double>()));
            Assert.Equal(HttpStatusCode.OK, listed);
            Assert.DoesNotContain(assets!.AsArray(), a => a!["name"]!.GetValue<string>() == "new since the copy");
            Assert.Equal(HttpStatusCode.OK, single);
        }
    }

    [Theory]
    [InlineData("sqlite:///replica.db", "must be a PostgreSQL streaming replica")]
    [InlineData("postgresql://reader@standby:5433", "names no database")]
    public void Build_RefusesNamingTheReadUrl_WhenItIsUnusable(string readUrl, string problem)
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = "postgresql://fm@127.0.0.1:5432/never_connected",
            ["FLEXMEASURES_DATABASE_READ_URL"] = readUrl,
        });

        var refused = Assert.Throws<ConfigurationException>(() => FlexMeasuresApiHost.Build(configuration, ["http://127.0.0.1:0"]));

        Assert.StartsWith("Configuration FLEXMEASURES_DATABASE_READ_URL:", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusesAReadUrl_WhenThePrimaryIsSqlite()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-never-created-{Guid.NewGuid():N}.db")}",
            ["FLEXMEASURES_DATABASE_READ_URL"] = "postgresql://reader@standby:5433/fm",
        });

        var refused = Assert.Throws<ConfigurationException>(() => FlexMeasuresApiHost.Build(configuration, ["http://127.0.0.1:0"]));

        Assert.Contains("needs a PostgreSQL primary", refused.Message, StringComparison.Ordinal);
    }
}

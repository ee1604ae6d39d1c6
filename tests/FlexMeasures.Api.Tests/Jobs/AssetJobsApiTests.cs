using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Jobs;

/// <summary><c>GET /api/v3_0/assets/{id}/jobs</c> on both queue backends.</summary>
public sealed class AssetJobsApiTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task Jobs_ListsTheForecastsOfTheAssetsSensors_WithTheirOutcome_OnTheInProcessQueue(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var sensor = world.TemperatureSensor;
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();

        // An instantaneous sensor cannot be forecast: the job fails at once, and the list says why.
        var id = queue.EnqueueForecast(new ForecastRun(sensor.Id, Start, Start.AddDays(1), TimeSpan.FromHours(1), "seasonal-naive"));
        var otherJob = queue.EnqueueForecast(new ForecastRun(world.OtherSensor.Id, Start, Start.AddDays(1), TimeSpan.FromHours(1)));

        JsonNode? job = null;
        for (var attempt = 0; attempt < 240 && job?["status"]?.GetValue<string>() is null or "queued" or "started"; attempt++)
        {
            await Task.Delay(250);
            var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{world.SupplierAsset.Id}/jobs");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body!["redis_connection_err"]);
            Assert.DoesNotContain(body["jobs"]!.AsArray(), j => j!["job_id"]!.GetValue<string>() == otherJob);
            job = body["jobs"]!.AsArray().SingleOrDefault(j => j!["job_id"]!.GetValue<string>() == id);
        }

        Assert.NotNull(job);
        Assert.Equal("forecasting", job["queue"]!.GetValue<string>());
        Assert.Equal("sensor", job["asset_or_sensor_type"]!.GetValue<string>());
        Assert.Equal($"sensor: {sensor.Name} (Id: {sensor.Id})", job["entity"]!.GetValue<string>());
        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.StartsWith("Scheduling job failed with InvalidInputException: ", job["err"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(id, job["metadata"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(64, job["metadata_hash"]!.GetValue<string>().Length);
    }

    [Theory]
    [BothProviders]
    public async Task Jobs_ListsAssetAndSensorJobs_FromRedis(DatabaseProvider provider)
    {
        // Without workers the jobs stay queued: what the list shows comes from Redis alone.
        await using var world = await ApiWorld.CreateAsync(provider, await TestServices.RedisEnvironmentAsync());
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        var assetJob = queue.EnqueueSchedule(Run(world.SupplierAsset.Id, null)).Id;
        var sensorJob = queue.EnqueueSchedule(Run(null, world.GasSensor.Id)).Id;
        var forecast = queue.EnqueueForecast(new ForecastRun(world.GasSensor.Id, Start, Start.AddDays(1), TimeSpan.FromHours(1)));

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{world.SupplierAsset.Id}/jobs");
        var (consultant, consultantBody) = await world.AsAsync("consultant", HttpMethod.Get, $"/api/v3_0/assets/{world.SupplierAsset.Id}/jobs");

        Assert.Equal(HttpStatusCode.OK, status);
        var jobs = body!["jobs"]!.AsArray();
        Assert.Equal([assetJob, sensorJob, forecast], jobs.Select(j => j!["job_id"]!.GetValue<string>()));
        Assert.Equal(["asset", "sensor", "sensor"], jobs.Select(j => j!["asset_or_sensor_type"]!.GetValue<string>()));
        Assert.Equal(["scheduling", "scheduling", "forecasting"], jobs.Select(j => j!["queue"]!.GetValue<string>()));
        Assert.All(jobs, j => Assert.Equal("queued", j!["status"]!.GetValue<string>()));
        Assert.All(jobs, j => Assert.Null(j!["err"]));
        Assert.Equal($"asset: {world.SupplierAsset.Name} (Id: {world.SupplierAsset.Id})", jobs[0]!["entity"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, consultant);
        Assert.Equal(3, consultantBody!["jobs"]!.AsArray().Count);
    }

    [Theory]
    [BothProviders]
    public async Task Jobs_Is401Or403Or404_WhenAnonymousOrAnotherAccountOrNoSuchAsset(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);

        var (anonymous, _) = await world.AsAsync(null, HttpMethod.Get, $"/api/v3_0/assets/{world.SupplierAsset.Id}/jobs");
        var (other, otherBody) = await world.AsAsync("other", HttpMethod.Get, $"/api/v3_0/assets/{world.SupplierAsset.Id}/jobs");
        var (missing, _) = await world.AsAsync("supplier", HttpMethod.Get, "/api/v3_0/assets/999999/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Equal("INVALID_SENDER", otherBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    private static ScheduleRun Run(int? assetId, int? sensorId) =>
        new("storage", assetId, sensorId, Start, Start.AddDays(1), TimeSpan.FromHours(1), Start, new JsonArray(), new JsonObject());
}

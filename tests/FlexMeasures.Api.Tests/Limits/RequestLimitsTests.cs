using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Tests.Forecasts;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Limits;

/// <summary>Requests whose answer would take memory without bound are refused with 422 before any work starts.</summary>
public sealed class RequestLimitsTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task GetData_Is422NamingTheLimitAndTheField_WhenTheWindowHoldsTooManyValues(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        // 10,000 days at one minute: 14.4 million values.
        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2021-05-02T00:00:00%2B02:00&duration=P10000D&resolution=PT1M&unit=m%C2%B3/h");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var message = body!["message"]!["query"]!["duration"]![0]!.GetValue<string>();
        Assert.Contains("14400000 values", message, StringComparison.Ordinal);
        Assert.Contains("FLEXMEASURES_MAX_VALUES_PER_RESPONSE", message, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task GetData_CountsTheSensorsOwnEvents_WhenACoarseResolutionIsAsked(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        // A daily series, but 10,000 days of the 10-minute sensor's events would be read to make it.
        var (coarse, body) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2021-05-02T00:00:00%2B02:00&duration=P10000D&resolution=P1D&unit=m%C2%B3/h");
        var (allowed, _) = await world.AsAsync("supplier", HttpMethod.Get,
            $"/api/v3_0/sensors/{world.GasSensor.Id}/data?start=2021-05-02T00:00:00%2B02:00&duration=P100D&resolution=P1D&unit=m%C2%B3/h");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, coarse);
        Assert.Contains("1440000 values of PT10M", body!["message"]!["query"]!["duration"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed);
    }

    [Theory]
    [BothProviders]
    public async Task TriggerForecast_Is422AndQueuesNothing_WhenTheWindowIsTooLong(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        var before = queue.List(JobQueues.Forecasting, null).Count;

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = "2024-01-01T00:00:00+00:00", ["duration"] = "P9999D" });
        var (pastTheRange, pastTheRangeBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = "2024-01-01T00:00:00+00:00", ["duration"] = "P99999D" });
        var (byEnd, endBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = "2024-01-01T00:00:00+00:00", ["end"] = "2030-01-01T00:00:00+00:00" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("limit is 100000", body!["message"]!["json"]!["duration"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pastTheRange);
        Assert.NotNull(pastTheRangeBody!["message"]!["json"]!["duration"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byEnd);
        Assert.Contains("FLEXMEASURES_MAX_FORECAST_EVENTS", endBody!["message"]!["json"]!["end"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, queue.List(JobQueues.Forecasting, null).Count);
    }

    [Theory]
    [BothProviders]
    public async Task ForecastJob_FailsOnceWithoutRetries_WhenItsWindowIsTooLong(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_MAX_FORECAST_EVENTS"] = "48" });
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        // Queued around the API's check, as a job from an older server or a script would be.
        var job = queue.EnqueueForecast(new ForecastRun(sensor.Id, start, start.AddDays(7), TimeSpan.FromHours(1), "seasonal-naive"));
        var status = await ForecastJobs.WaitForAsync(world, job, "FAILED");

        Assert.Equal("FAILED", status["status"]!.GetValue<string>());
        Assert.Equal(1, status["runs"]!.GetValue<int>());
        Assert.Contains("the limit is 48", status["exc_info"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Forecasts;

/// <summary>Forecasts through the in-process queue of the embedded default (the web host works it).</summary>
public sealed class ForecastsApiTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task Trigger_QueuesAForecast_WhoseValuesComeBackWhenTheJobIsDone(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        await SeedHourlyAsync(world, sensor.Id, days: 21);
        var forecastStart = Start.AddDays(21);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger", new JsonObject
        {
            ["start"] = forecastStart.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture),
            ["duration"] = "P1D",
            ["horizon"] = "PT6H",
            ["model"] = "seasonal-naive",
        });
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = body!["job"]!.GetValue<string>();
        Assert.Equal($"/api/v3_0/sensors/{sensor.Id}/forecasts/{job}", body["job-url"]!.GetValue<string>());

        var forecast = await ForecastAsync(world, sensor.Id, job);

        var (jobStatus, jobBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/jobs/{job}");
        var (otherStatus, _) = await world.AsAsync("other", HttpMethod.Get, $"/api/v3_0/jobs/{job}");
        Assert.NotNull(forecast);
        var values = forecast["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal(24, values.Count);

        // Seasonal naive, one week back: the value of the same hour a week earlier.
        Assert.Equal(Value(forecastStart.AddDays(-7)), values[0], 6);
        Assert.Equal("PT6H", forecast["horizon"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, jobStatus);
        Assert.Equal("FINISHED", jobBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, otherStatus);
    }

    /// <summary>Issue 11's window bug through the API: overlapping triggers store nothing the second and third time.</summary>
    [Theory]
    [BothProviders]
    public async Task Trigger_StoresNothingAndReplacesNothing_WhenOverlappingWindowsAreRecomputed(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        await SeedHourlyAsync(world, sensor.Id, days: 42);
        var wide = new JsonObject { ["start"] = "2024-02-05T05:00:00+00:00", ["end"] = "2024-02-08T00:00:00+00:00", ["horizon"] = "PT6H" };
        var narrow = new JsonObject { ["start"] = "2024-02-06T00:00:00+01:00", ["duration"] = "P1D", ["horizon"] = "PT6H" };

        var messages = new List<string>();
        foreach (var window in new[] { wide, narrow, wide })
        {
            var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger", window.DeepClone());
            Assert.Equal(HttpStatusCode.Accepted, status);
            var forecast = await ForecastAsync(world, sensor.Id, body!["job"]!.GetValue<string>());
            Assert.NotNull(forecast);
            Assert.All(forecast["values"]!.AsArray(), v => Assert.NotNull(v));
            messages.Add(forecast["message"]!.GetValue<string>());
        }

        Assert.EndsWith("67 stored, 0 replaced, 0 unchanged.", messages[0], StringComparison.Ordinal);
        Assert.EndsWith("0 stored, 0 replaced, 24 unchanged.", messages[1], StringComparison.Ordinal);
        Assert.EndsWith("0 stored, 0 replaced, 67 unchanged.", messages[2], StringComparison.Ordinal);
        Assert.Contains($"Sensor {sensor.Id}, horizon PT6H, auto: 67 forecasts by ", messages[0], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task PostingMeasurements_QueuesForecasts_ThatTheWebHostWorks(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["Forecasting__OnNewData"] = "true", ["Forecasting__Model"] = "seasonal-naive" });
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        await SeedHourlyAsync(world, sensor.Id, days: 21);
        var lastDay = Start.AddDays(21);

        var (posted, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/data", new JsonObject
        {
            ["values"] = new JsonArray([.. Enumerable.Range(0, 24).Select(h => JsonValue.Create(Value(lastDay.AddHours(h))))]),
            ["start"] = lastDay.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture),
            ["duration"] = "P1D",
            ["unit"] = "m³/h",
            ["horizon"] = "PT0H",
        });

        // One job per horizon (1, 6, 24, 48 h) forecasts the events the new data made possible.
        var horizons = new HashSet<TimeSpan>();
        for (var attempt = 0; attempt < 120 && horizons.Count < 4; attempt++)
        {
            await Task.Delay(250);
            await using var db = world.Database.CreateContext();
            horizons = [.. db.TimedBeliefs.Where(b => b.SensorId == sensor.Id && b.BeliefHorizon > TimeSpan.Zero).Select(b => b.BeliefHorizon).Distinct()];
        }

        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal(new HashSet<TimeSpan> { TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromHours(48) }, horizons);
    }

    [Theory]
    [BothProviders]
    public async Task Trigger_RefusesOtherAccountsAndBadBodies(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var start = Start.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);

        var (foreign, foreignBody) = await world.AsAsync("other", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = start, ["duration"] = "P1D" });
        var (badModel, badModelBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/trigger",
            new JsonObject { ["start"] = start, ["duration"] = "P1D", ["model"] = "crystal-ball" });
        var (unknownJob, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.GasSensor.Id}/forecasts/no-such-job");

        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal("INVALID_SENDER", foreignBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badModel);
        Assert.Contains("Unknown model", badModelBody!["message"]!["json"]!["model"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob);
    }

    [Theory]
    [BothProviders]
    public async Task GetJob_GivesUsersTheFailuresMessageOnly_WhileAdminsKeepTheDetails(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();

        // An instantaneous sensor cannot be forecast: the job fails (once, as the input will not change).
        var job = queue.EnqueueForecast(new ForecastRun(world.TemperatureSensor.Id, Start, Start.AddDays(1), TimeSpan.FromHours(1), "seasonal-naive"));
        var status = await ForecastJobs.WaitForAsync(world, job, "FAILED");
        var (forecastStatus, forecastBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{world.TemperatureSensor.Id}/forecasts/{job}");

        Assert.Equal("FAILED", status["status"]!.GetValue<string>());
        var failure = status["exc_info"]!.GetValue<string>();
        Assert.Contains("instantaneous values", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failure, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forecastStatus);
        Assert.DoesNotContain(" at ", forecastBody!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(" at ", queue.Find(job)!.Exception, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Trigger_WithProbabilistic_StoresAQuantileBeliefPerLevel_AndReturnsTheMedian(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var sensor = await world.NewGasSensorAsync(s => s.EventResolution = TimeSpan.FromHours(1));
        await SeedHourlyAsync(world, sensor.Id, days: 21);
        var forecastStart = Start.AddDays(21);
        JsonObject Window(string field, JsonNode value) => new()
        {
            ["start"] = forecastStart.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture),
            ["duration"] = "P1D",
            ["horizon"] = "PT24H",
            ["model"] = "lightgbm",
            [field] = value,
        };

        var (badStatus, badBody) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger", Window("quantiles", new JsonArray(0.1, 1.0)));
        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger", Window("probabilistic", true));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = body!["job"]!.GetValue<string>();
        var forecast = await ForecastAsync(world, sensor.Id, job);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.NotNull(badBody!["message"]!["json"]!["quantiles"]);
        Assert.NotNull(forecast);
        Assert.Contains("at quantiles 0.1, 0.5, 0.9", forecast["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = world.Database.CreateContext();
        var beliefs = await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == sensor.Id && b.BeliefHorizon > TimeSpan.Zero).ToListAsync();
        Assert.Equal(24 * 3, beliefs.Count);
        var medians = beliefs.Where(b => b.CumulativeProbability == 0.5).OrderBy(b => b.EventStart).Select(b => b.EventValue);
        Assert.Equal(medians, forecast["values"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    /// <summary>Polls the forecast of a job until it is done (null when it is not done within 30 s).</summary>
    private static async Task<JsonNode?> ForecastAsync(ApiWorld world, int sensorId, string job)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensorId}/forecasts/{job}");
            if (status == HttpStatusCode.OK)
            {
                return body;
            }

            Assert.Equal(HttpStatusCode.Accepted, status);
            await Task.Delay(250);
        }

        return null;
    }

    private static double Value(DateTime t) => 100 + (10 * Math.Sin(2 * Math.PI * t.Hour / 24)) + (t.DayOfWeek == DayOfWeek.Sunday ? -20 : 0);

    private static async Task SeedHourlyAsync(ApiWorld world, int sensorId, int days)
    {
        await using var scope = world.Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
        var source = new DataSource { Name = "meter", Type = "demo script" };
        db.DataSources.Add(source);
        await db.SaveChangesAsync();
        var beliefs = Enumerable.Range(0, days * 24).Select(h => Start.AddHours(h)).Select(t => new NewBelief(t, TimeSpan.Zero, Value(t)));
        await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(sensorId, source.Id, beliefs, false, CancellationToken.None);
    }
}

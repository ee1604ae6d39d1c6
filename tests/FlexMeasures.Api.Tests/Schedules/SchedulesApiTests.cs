using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Schedules;

/// <summary>Schedules through the in-process queue of the embedded default (the web host works it).</summary>
public sealed class SchedulesApiTests
{
    public static IEnumerable<object[]> BadRequests() => ProviderCases.Cross(
        ["""{"power-capacity": "-0.5 MW"}""", null!, "flex-model/power-capacity", "Must be greater than or equal to 0."],
        ["""{"soc-min": "0.8 MWh", "soc-max": "0.5 MWh"}""", null!, "flex-model/soc-min", "Must not exceed soc-max"],
        ["""{"soc-maximum": "1 MWh"}""", null!, "flex-model/soc-maximum", "Unknown field."],
        ["""{"soc-at-start": "0.5 MW"}""", null!, "flex-model/soc-at-start", "Cannot convert value '0.5 MW' to 'MWh'."],
        ["{}", """{"consumption-price": {"sensor": "OTHER"}}""", "flex-context/consumption-price", "that you may read"],
        ["{}", """{"site-power-capacity": "2 EUR/MWh"}""", "flex-context/site-power-capacity", "Cannot convert value"],
        ["{}", """{"duration": "P30D"}""", "duration", "The planning horizon is limited to 2520 steps"]);

    [Theory]
    [BothProviders]
    public async Task Trigger_QueuesASchedule_ThatChargesCheapAndDischargesDear(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{site.Power.Id}/schedules/trigger", TriggerBody(site));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = body!["schedule"]!.GetValue<string>();
        var schedule = await PollAsync(world, site.Power.Id, job, "?duration=P1D");
        var (jobStatus, jobBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/jobs/{job}");

        Assert.Equal(job, body["job"]!.GetValue<string>());
        Assert.Equal("ACCEPTED", body["status"]!.GetValue<string>());
        Assert.Equal($"/api/v3_0/sensors/{site.Power.Id}/schedules/{job}", body["results-url"]!.GetValue<string>());
        var values = schedule["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal(96, values.Count);
        Assert.Equal("MW", schedule["unit"]!.GetValue<string>());
        Assert.Equal("2025-01-01T00:00:00+00:00", schedule["start"]!.GetValue<string>());
        Assert.Equal("P1D", schedule["duration"]!.GetValue<string>());
        Assert.Equal("StorageScheduler", schedule["scheduler_info"]!["scheduler"]!.GetValue<string>());

        // Consumption positive: charging (0.5 MWh of room at 0.5 MW) at 10 EUR/MWh, emptying the 1 MWh at 100 EUR/MWh.
        Assert.Equal(0.5, values.Take(24).Where(v => v > 0).Sum() / 4, 6);
        Assert.Equal(-1.0, values.Skip(17 * 4).Take(16).Sum() / 4, 6);
        Assert.All(values, v => Assert.InRange(v, -0.5 - 1e-9, 0.5 + 1e-9));
        var costs = JsonNode.Parse(jobBody!["result"]!.GetValue<string>())!["costs"]!;
        Assert.Equal(HttpStatusCode.OK, jobStatus);
        Assert.Equal((0.5 * 10) - (1.0 * 100), costs["energy"]!.GetValue<double>(), 6);
        Assert.Equal(0, costs["doing-nothing"]!.GetValue<double>(), 6);
        Assert.Equal("EUR", costs["currency"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Job_StoresSchedulerBeliefsAtTheBeliefTime_AndNothingTwiceWhenRunAgain(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);

        var (_, first) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{site.Power.Id}/schedules/trigger", TriggerBody(site));
        await PollAsync(world, site.Power.Id, first!["job"]!.GetValue<string>(), "");
        var repeat = TriggerBody(site);
        repeat["force-new-job-creation"] = true;
        var (_, again) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{site.Power.Id}/schedules/trigger", repeat);
        var secondJob = again!["job"]!.GetValue<string>();
        await PollAsync(world, site.Power.Id, secondJob, "");
        var (_, secondResult) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/jobs/{secondJob}");

        await using var db = world.Database.CreateContext();
        var power = await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == site.Power.Id).Include(b => b.Source).ToListAsync();
        var soc = await db.TimedBeliefs.AsNoTracking().Where(b => b.SensorId == site.StateOfCharge.Id).OrderBy(b => b.EventStart).ToListAsync();
        Assert.Equal(96, power.Count);
        var source = Assert.Single(power.Select(b => b.Source!).DistinctBy(s => s.Id));
        Assert.Equal(("scheduler", "FlexMeasures", "StorageScheduler"), (source.Type, source.Name, source.Model));

        // ex_post sensors know an event at its end: the horizon is from the belief time (the prior) to the event's end.
        var firstEvent = power.Single(b => b.EventStart == BatterySite.Day);
        Assert.Equal(BatterySite.Day.AddMinutes(15) - BatterySite.Prior, firstEvent.BeliefHorizon);
        Assert.Equal(97, soc.Count);
        Assert.Equal(0.5, soc[0].EventValue, 6);
        Assert.Equal(0, soc[^1].EventValue, 6);
        Assert.Equal(0, JsonNode.Parse(secondResult!["result"]!.GetValue<string>())!["num-beliefs"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Trigger_Answers422NamingTheField_AndQueuesNothing(DatabaseProvider provider, string flexModel, string? extra, string path, string message)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var body = TriggerBody(site);
        foreach (var (key, value) in JsonNode.Parse(flexModel)!.AsObject())
        {
            body["flex-model"]![key] = value?.DeepClone();
        }

        foreach (var (key, value) in JsonNode.Parse((extra ?? "{}").Replace("\"OTHER\"", world.OtherSensor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject())
        {
            if (key == "duration")
            {
                body[key] = value?.DeepClone();
            }
            else
            {
                body["flex-context"]![key] = value?.DeepClone();
            }
        }

        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{site.Power.Id}/schedules/trigger", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("UNPROCESSABLE_ENTITY", answer!["status"]!.GetValue<string>());
        var field = path.Split('/').Aggregate(answer["message"]!["json"]!, (node, key) => node[key]!);
        Assert.Contains(message, field[0]!.GetValue<string>(), StringComparison.Ordinal);
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        Assert.Empty(queue.List(JobQueues.Scheduling, null));
        await using var db = world.Database.CreateContext();
        Assert.False(await db.TimedBeliefs.AnyAsync(b => b.SensorId == site.Power.Id));
    }

    [Theory]
    [BothProviders]
    public async Task AssetTrigger_SchedulesTheStoredFlexModel_WhenTheBodyHasNone(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var (patched, _) = await world.AsAsync("supplier", HttpMethod.Patch, $"/api/v3_0/assets/{site.Asset.Id}", new JsonObject
        {
            ["flex_model"] = new JsonObject { ["sensor"] = site.Power.Id, ["soc-at-start"] = "0.5 MWh", ["soc-max"] = "1 MWh", ["power-capacity"] = "0.5 MW" },
            ["flex_context"] = new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = site.Prices.Id } },
        });

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/assets/{site.Asset.Id}/schedules/trigger", new JsonObject
        {
            ["start"] = BatterySite.Iso(BatterySite.Day),
            ["duration"] = "P1D",
            ["prior"] = BatterySite.Iso(BatterySite.Prior),
        });
        var schedule = await PollAsync(world, site.Power.Id, body!["job"]!.GetValue<string>(), "?duration=P1D&unit=kW");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var values = schedule["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal("kW", schedule["unit"]!.GetValue<string>());
        Assert.Equal(-1000.0, values.Skip(17 * 4).Take(16).Sum() / 4, 3);
    }

    [Theory]
    [BothProviders]
    public async Task Trigger_RefusesUsersWhoMayNotWriteTheSensor_AndUnknownJobs(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);

        var (foreign, foreignBody) = await world.AsAsync("other", HttpMethod.Post, $"/api/v3_0/sensors/{site.Power.Id}/schedules/trigger", TriggerBody(site));
        var (foreignAsset, _) = await world.AsAsync("other", HttpMethod.Post, $"/api/v3_0/assets/{site.Asset.Id}/schedules/trigger", TriggerBody(site));
        var (unknown, unknownBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{site.Power.Id}/schedules/no-such-job");

        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal("INVALID_SENDER", foreignBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, foreignAsset);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("UNRECOGNIZED_UDI_EVENT", unknownBody!["status"]!.GetValue<string>());
    }

    [Theory]
    [BothProviders]
    public async Task Trigger_ReturnsTheEarlierJob_WhenTheSameBodyIsSentAgain_AndANewOneWhenForced(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        var reordered = TriggerBody(site);
        var flexModel = reordered["flex-model"]!.AsObject();
        var fields = flexModel.Reverse().Select(p => (p.Key, Value: p.Value!.DeepClone())).ToList();
        flexModel.Clear();
        foreach (var (key, value) in fields)
        {
            flexModel[key] = value;
        }

        var first = await JobOfAsync(world, $"sensors/{site.Power.Id}", TriggerBody(site));
        var same = await JobOfAsync(world, $"sensors/{site.Power.Id}", reordered);
        var forcedBody = TriggerBody(site);
        forcedBody["force-new-job-creation"] = true;
        var forced = await JobOfAsync(world, $"sensors/{site.Power.Id}", forcedBody);
        var otherWindow = TriggerBody(site);
        otherWindow["duration"] = "PT12H";
        var different = await JobOfAsync(world, $"sensors/{site.Power.Id}", otherWindow);

        Assert.Equal(first, same);
        Assert.NotEqual(first, forced);
        Assert.NotEqual(first, different);
        Assert.NotEqual(forced, different);
        // Each job looked up by id: a listing by state can miss a job the in-process worker is moving between states.
        Assert.All(new[] { first, forced, different }, id => Assert.Equal(JobQueues.Scheduling, queue.Find(id)?.Queue));
        await PollAsync(world, site.Power.Id, forced, "");

        // Done or not, the latest job is the answer to the same trigger while the job cache keeps it (a forced one took the key over).
        Assert.Equal(forced, await JobOfAsync(world, $"sensors/{site.Power.Id}", TriggerBody(site)));
    }

    [Theory]
    [BothProviders]
    public async Task Trigger_QueuesANewJob_WhenTheEarlierIdenticalOneFailed(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var queue = world.Server.Services.GetRequiredService<JobQueueClient>();
        var body = TriggerBody(site);

        // The prices are believed two days ahead: as known three days before, there are none, and the job fails.
        body["prior"] = BatterySite.Iso(BatterySite.Day.AddDays(-3));
        var failed = await JobOfAsync(world, $"sensors/{site.Power.Id}", body);
        for (var attempt = 0; attempt < 240 && queue.Find(failed)!.State != "failed"; attempt++)
        {
            await Task.Delay(250);
        }

        var failedState = queue.Find(failed)!.State;

        // The market sends its prices earlier after all: the same trigger now gets a new job, which succeeds.
        await using (var scope = world.Database.Services.CreateAsyncScope())
        {
            var market = await scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>().DataSources.Where(s => s.Name == "market").Select(s => s.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<BeliefStore>().SaveAsync(
                site.Prices.Id, market, Enumerable.Range(0, 24).Select(h => new NewBelief(BatterySite.Day.AddHours(h), TimeSpan.FromDays(5), BatterySite.PriceAt(h))), false, CancellationToken.None);
        }

        var retried = await JobOfAsync(world, $"sensors/{site.Power.Id}", body);
        var schedule = await PollAsync(world, site.Power.Id, retried, "?duration=P1D");
        var again = await JobOfAsync(world, $"sensors/{site.Power.Id}", body);

        Assert.Equal("failed", failedState);
        Assert.NotEqual(failed, retried);
        Assert.Equal(96, schedule["values"]!.AsArray().Count);
        Assert.Equal(retried, again);
    }

    [Theory]
    [BothProviders]
    public async Task AssetTrigger_ReturnsTheEarlierJob_WhenNoPriorIsGiven_UnlessTheStoredFlexModelChanged(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        async Task StoreAsync(string capacity) => Assert.Equal(HttpStatusCode.OK, (await world.AsAsync("supplier", HttpMethod.Patch, $"/api/v3_0/assets/{site.Asset.Id}", new JsonObject
        {
            ["flex_model"] = new JsonObject { ["sensor"] = site.Power.Id, ["soc-at-start"] = "0.5 MWh", ["soc-max"] = "1 MWh", ["power-capacity"] = capacity },
            ["flex_context"] = new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = site.Prices.Id } },
        })).Status);

        // No prior: "now", which moves on between the triggers; the same request still gets the same job.
        var body = new JsonObject { ["start"] = BatterySite.Iso(BatterySite.Day), ["duration"] = "P1D" };
        await StoreAsync("0.5 MW");
        var first = await JobOfAsync(world, $"assets/{site.Asset.Id}", body);
        await Task.Delay(1100);
        var same = await JobOfAsync(world, $"assets/{site.Asset.Id}", body);
        await StoreAsync("0.4 MW");
        var afterEdit = await JobOfAsync(world, $"assets/{site.Asset.Id}", body);

        Assert.Equal(first, same);
        Assert.NotEqual(first, afterEdit);
    }

    /// <summary>Triggers a schedule and returns the job id the answer names.</summary>
    private static async Task<string> JobOfAsync(ApiWorld world, string path, JsonObject body)
    {
        var (status, answer) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/{path}/schedules/trigger", body.DeepClone().AsObject());
        Assert.Equal(HttpStatusCode.Accepted, status);
        return answer!["job"]!.GetValue<string>();
    }

    internal static JsonObject TriggerBody(BatterySite site) => new()
    {
        ["start"] = BatterySite.Iso(BatterySite.Day),
        ["duration"] = "P1D",
        ["prior"] = BatterySite.Iso(BatterySite.Prior),
        ["flex-model"] = new JsonObject
        {
            ["soc-at-start"] = "500 kWh",
            ["soc-min"] = "0 MWh",
            ["soc-max"] = "1 MWh",
            ["power-capacity"] = "0.5 MW",
            ["state-of-charge"] = new JsonObject { ["sensor"] = site.StateOfCharge.Id },
        },
        ["flex-context"] = new JsonObject { ["consumption-price"] = new JsonObject { ["sensor"] = site.Prices.Id } },
    };

    /// <summary>Gets the schedule, polling as flexmeasures-client does while the job waits or runs.</summary>
    internal static async Task<JsonNode> PollAsync(ApiWorld world, int sensorId, string job, string query)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/sensors/{sensorId}/schedules/{job}{query}");
            if (status == HttpStatusCode.OK)
            {
                return body!;
            }

            Assert.Equal(HttpStatusCode.BadRequest, status);
            var message = body!["message"]!.GetValue<string>();
            Assert.True(message.StartsWith("Scheduling job waiting", StringComparison.Ordinal) || message.StartsWith("Scheduling job in progress", StringComparison.Ordinal), message);
            await Task.Delay(250);
        }

        throw new TimeoutException($"Scheduling job {job} did not finish.");
    }
}

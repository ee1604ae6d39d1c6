using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.Schedules;

/// <summary>
/// The HTTP exchange of flexmeasures-client v0.9.x <c>trigger_and_get_schedule</c>, byte for byte where it matters:
/// login, trigger (start and duration as pandas writes them), then GET the schedule, sleeping and asking again only
/// while the answer is 400 with "Scheduling job waiting"/"in progress" (its <c>check_response</c>), and accepting any
/// 2xx as the final answer (its <c>check_for_status</c>).
/// </summary>
public sealed class FlexMeasuresClientExchangeTests
{
    [Theory]
    [BothProviders]
    public async Task TriggerAndGetSchedule_WorksUnchanged_ForASensor(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var client = new ClientExchange(world.Client);
        var body = SchedulesApiTests.TriggerBody(site);
        body["duration"] = "P1DT0H0M0S";

        var scheduleId = await client.TriggerScheduleAsync($"sensors/{site.Power.Id}/schedules/trigger", body);
        var schedule = await client.GetScheduleAsync(site.Power.Id, scheduleId, "P1DT0H0M0S");

        var values = schedule["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal(96, values.Count);
        Assert.Equal("MW", schedule["unit"]!.GetValue<string>());
        Assert.Equal("2025-01-01T00:00:00+00:00", schedule["start"]!.GetValue<string>());
        Assert.Equal("P1D", schedule["duration"]!.GetValue<string>());

        // The values themselves, not only their shape: the 0.5 MWh of room is charged in the cheap night, and the
        // full 1 MWh is sold in the dear evening (consumption positive, as the client asks by default).
        Assert.Equal(0.5, values.Take(24).Where(v => v > 0).Sum() / 4, 6);
        Assert.Equal(-1.0, values.Skip(17 * 4).Take(16).Sum() / 4, 6);
    }

    [Theory]
    [BothProviders]
    public async Task TriggerAndGetSchedule_WorksUnchanged_ForAnAssetWithAListOfFlexModels(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        var site = await BatterySite.CreateAsync(world);
        var client = new ClientExchange(world.Client);
        var body = SchedulesApiTests.TriggerBody(site);
        var flexModel = body["flex-model"]!.DeepClone().AsObject();
        flexModel["sensor"] = site.Power.Id;
        body["flex-model"] = new JsonArray(flexModel);
        body["duration"] = "P1DT0H0M0S";

        var scheduleId = await client.TriggerScheduleAsync($"assets/{site.Asset.Id}/schedules/trigger", body);
        var schedule = await client.GetScheduleAsync(site.Power.Id, scheduleId, "P1DT0H0M0S");

        var values = schedule["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal(96, values.Count);
        Assert.Equal(-1.0, values.Skip(17 * 4).Take(16).Sum() / 4, 6);
    }

    /// <summary>What the client's <c>request</c>, <c>check_response</c> and <c>check_for_status</c> do, in C#.</summary>
    private sealed class ClientExchange(HttpClient http)
    {
        private const string Path = "/api/v3_0/";
        private string? _token;

        public async Task<string> TriggerScheduleAsync(string uri, JsonObject message)
        {
            var (status, response) = await RequestAsync(HttpMethod.Post, Path + uri, message);
            Assert.InRange((int)status, 200, 299);
            return Assert.IsType<string>(response!["schedule"]!.GetValue<string>());
        }

        public async Task<JsonObject> GetScheduleAsync(int sensorId, string scheduleId, string duration)
        {
            var (status, schedule) = await RequestAsync(HttpMethod.Get, $"{Path}sensors/{sensorId}/schedules/{scheduleId}?duration={duration}", null);
            Assert.InRange((int)status, 200, 299);
            return Assert.IsType<JsonObject>(schedule);
        }

        private async Task<(HttpStatusCode Status, JsonNode? Body)> RequestAsync(HttpMethod method, string url, JsonObject? payload)
        {
            for (var pollingStep = 0; pollingStep < 60; pollingStep++)
            {
                using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
                request.Headers.TryAddWithoutValidation("Authorization", _token ??= await TokenAsync());
                request.Content = payload is null ? null : new StringContent(payload.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                using var response = await http.SendAsync(request);
                Assert.Contains("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                if ((int)response.StatusCode < 300)
                {
                    return (response.StatusCode, body);
                }

                var message = body?["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : "";
                if (response.StatusCode == HttpStatusCode.BadRequest && (message.Contains("Scheduling job waiting", StringComparison.Ordinal)
                    || message.Contains("Scheduling job in progress", StringComparison.Ordinal) || message.Contains("Scheduling job has an unknown status", StringComparison.Ordinal)))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(1 << Math.Min(pollingStep, 4), 10)));
                    continue;
                }

                Assert.Fail($"flexmeasures-client would raise here: {(int)response.StatusCode} {body?.ToJsonString()}");
            }

            throw new TimeoutException("Client polling timeout while connection to the API.");
        }

        private async Task<string> TokenAsync()
        {
            using var response = await http.PostAsync(
                new Uri("/api/requestAuthToken", UriKind.Relative),
                new StringContent(new JsonObject { ["email"] = "supplier@example.org", ["password"] = ApiWorld.Password }.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["auth_token"]!.GetValue<string>();
        }
    }
}

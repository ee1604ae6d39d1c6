using System.Net;
using System.Text.Json.Nodes;

namespace FlexMeasures.Api.Tests.Forecasts;

/// <summary>Polls <c>GET /api/v3_0/jobs/{id}</c>.</summary>
internal static class ForecastJobs
{
    /// <summary>The job's answer once its status is <paramref name="status"/> (or the last answer after a minute).</summary>
    public static async Task<JsonNode> WaitForAsync(ApiWorld world, string job, string status, string user = "supplier")
    {
        JsonNode? last = null;
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var (code, body) = await world.AsAsync(user, HttpMethod.Get, $"/api/v3_0/jobs/{job}");
            Assert.Equal(HttpStatusCode.OK, code);
            last = body!;
            if (last["status"]!.GetValue<string>() == status)
            {
                return last;
            }

            await Task.Delay(250);
        }

        return last!;
    }
}

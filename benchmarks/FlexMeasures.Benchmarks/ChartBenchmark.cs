using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// Times <c>GET /api/v3_0/assets/{id}/chart_data</c> over a window, one request at a time on loopback (so the time is
/// the server's plus a local round trip), after two warm-up requests; prints the median, 90th percentile and best.
/// </summary>
internal static class ChartBenchmark
{
    public static async Task<int> RunAsync(Uri server, string email, string password, int asset, DateTime start, int days, int runs)
    {
        if (await LoopbackApi.LoginAsync(server, email, password) is not var (http, token))
        {
            return 2;
        }

        using var client = http;
        var path = string.Create(CultureInfo.InvariantCulture,
            $"/api/v3_0/assets/{asset}/chart_data?event_starts_after={Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture))}&duration=P{days}D");
        var times = new List<double>(runs);
        string body = "";
        for (var run = -2; run < runs; run++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", token);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"chart_data answered {(int)response.StatusCode}: {body}");
                return 1;
            }

            if (run >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var answer = JsonNode.Parse(body)!;
        var series = answer["sensors"]!.AsArray().SelectMany(s => s!["series"]!.AsArray()).ToList();
        var read = series.Sum(s => s!["count"]!.GetValue<int>());
        var sent = series.Sum(s => s!["points"]!.AsArray().Count);
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chart data of asset {asset} over {days} days: {answer["sensors"]!.AsArray().Count} sensors, {series.Count} series, {read} points read, {sent} sent ({body.Length / 1024} KiB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {runs} requests: median {times[times.Count / 2]:0} ms, p90 {times[(int)(times.Count * 0.9)]:0} ms, best {times[0]:0} ms (target: under 200 ms)"));
        return 0;
    }
}

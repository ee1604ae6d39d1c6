using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// Concurrent clients posting one day of one-minute data per request, each to its own sensor, through the REST
/// API, for a fixed time. Bounded in clients, time and requests; talks only to the given loopback server.
/// </summary>
internal static class LoadTest
{
    public static async Task<int> RunAsync(Uri server, string email, string password, int firstSensor, int clients, TimeSpan duration)
    {
        if (await LoopbackApi.LoginAsync(server, email, password) is not var (http, token))
        {
            return 2;
        }

        using var client = http;

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(http, token, firstSensor + c, watch, duration)));
        var elapsed = watch.Elapsed.TotalSeconds;
        var requests = results.Sum(r => r.Requests);
        var errors = results.Sum(r => r.Errors);
        var beliefs = results.Sum(r => r.Beliefs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {clients} clients for {elapsed:0.0} s: {requests} requests ({requests / elapsed:0.0}/s), {beliefs} beliefs ({beliefs / elapsed:0}/s), {errors} errors"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent beliefs: {beliefs}"));
        foreach (var error in results.SelectMany(r => r.Messages).Take(5))
        {
            Console.WriteLine($"  error: {error}");
        }

        return errors == 0 ? 0 : 1;
    }

    private static async Task<(int Requests, int Errors, long Beliefs, List<string> Messages)> ClientAsync(
        HttpClient http, string token, int sensor, Stopwatch watch, TimeSpan duration)
    {
        var requests = 0;
        var errors = 0;
        long beliefs = 0;
        var messages = new List<string>();
        var random = new Random(sensor);
        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));

        // Bounded: stops at the time limit, and after at most 10,000 requests per client.
        while (watch.Elapsed < duration && requests < 10_000)
        {
            var values = Enumerable.Range(0, 1440).Select(_ => Math.Round(random.NextDouble() * 100, 3)).ToArray();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v3_0/sensors/{sensor}/data")
            {
                Content = JsonContent.Create(new
                {
                    values,
                    start = day.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                    duration = "P1D",
                    unit = "kW",
                    horizon = "PT0H",
                }),
            };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            using var response = await http.SendAsync(request);
            requests++;
            if (response.IsSuccessStatusCode)
            {
                beliefs += values.Length;
            }
            else
            {
                errors++;
                messages.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            day = day.AddDays(1);
        }

        return (requests, errors, beliefs, messages);
    }

}

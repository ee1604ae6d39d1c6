using System.Diagnostics;
using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// Times a one-year search of a 15-minute sensor (most recent beliefs, resampled to one hour) through the
/// platform's <see cref="SeriesReader"/>, against hand-written SQL that returns the same values, in one process.
/// </summary>
internal static class SearchBenchmark
{
    private const string HandWritten = """
        SELECT date_bin('1 hour', event_start, @start) AS bin, avg(event_value) AS value
        FROM (
          SELECT DISTINCT ON (event_start) event_start, event_value
          FROM timed_belief
          WHERE sensor_id = @sensor AND event_start >= @start AND event_start < @end
          ORDER BY event_start, belief_horizon
        ) latest
        GROUP BY bin
        ORDER BY bin
        """;

    public static async Task<int> RunAsync(int sensorId, int runs)
    {
        var configuration = FlexMeasuresConfiguration.FromEnvironment();
        await using var services = new ServiceCollection().AddLogging().AddFlexMeasuresData(configuration).BuildServiceProvider();
        var connection = services.GetRequiredService<DatabaseConnection>();
        DateTime start, end;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FlexMeasuresDbContext>();
            start = await db.TimedBeliefs.Where(b => b.SensorId == sensorId).MinAsync(b => b.EventStart);
            end = start.AddDays(365);
        }

        var platform = new List<double>();
        var raw = new List<double>();
        double?[] platformValues = [];
        List<double> rawValues = [];
        for (var run = 0; run < runs + 2; run++)
        {
            var watch = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                var series = await scope.ServiceProvider.GetRequiredService<SeriesReader>().ReadAsync(
                    new SeriesQuery(sensorId, start, end - start, TimeSpan.FromHours(1)), CancellationToken.None);
                platformValues = [.. series.Values];
            }

            var platformMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await using (var sql = new NpgsqlConnection(connection.ConnectionString))
            {
                await sql.OpenAsync();
                await using var command = new NpgsqlCommand(HandWritten, sql);
                command.Parameters.AddWithValue("sensor", sensorId);
                command.Parameters.AddWithValue("start", start);
                command.Parameters.AddWithValue("end", end);
                await using var reader = await command.ExecuteReaderAsync();
                rawValues = [];
                while (await reader.ReadAsync())
                {
                    rawValues.Add(reader.GetDouble(1));
                }
            }

            var rawMs = watch.Elapsed.TotalMilliseconds;
            if (run >= 2)
            {
                platform.Add(platformMs);
                raw.Add(rawMs);
            }
        }

        var same = platformValues.Length == rawValues.Count
            && platformValues.Zip(rawValues).All(p => p.First is { } v && Math.Abs(v - p.Second) < 1e-9);
        var platformMedian = Timing.Median(platform);
        var rawMedian = Timing.Median(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: {platformValues.Length} hourly values from {rawValues.Count * 4} events; same values: {(same ? "yes" : "NO")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search median: platform {platformMedian:0.0} ms, hand-written SQL {rawMedian:0.0} ms, ratio {platformMedian / rawMedian:0.00} (target <= 1.5)"));
        return same ? 0 : 1;
    }
}

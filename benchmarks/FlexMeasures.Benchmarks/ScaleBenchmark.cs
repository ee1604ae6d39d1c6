using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// The measurements of scripts/bench-scale.sh, each beside the hand-written SQL (or binary COPY) that gives the same
/// answer, in one process on a database named by FLEXMEASURES_DATABASE_URL. Reads are of 15-minute sensors with the
/// default knowledge horizon (known at the end of each event), resampled to one hour; a read and its SQL must return
/// the same values, or the run fails.
/// </summary>
internal static class ScaleBenchmark
{
    private const string LatestPerEvent = """
        SELECT sensor_id, date_bin('1 hour', event_start, @start) AS bin, avg(event_value) AS value
        FROM (
          SELECT DISTINCT ON (sensor_id, event_start) sensor_id, event_start, event_value
          FROM timed_belief
          WHERE sensor_id = ANY(@sensors) AND event_start >= @start AND event_start < @end
            AND (@prior::timestamptz IS NULL OR event_start + interval '15 minutes' - belief_horizon <= @prior)
          ORDER BY sensor_id, event_start, belief_horizon
        ) latest
        GROUP BY sensor_id, bin
        ORDER BY sensor_id, bin
        """;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Writes one CSV per sensor (event_start,value) of 15-minute values over [start, start + days).</summary>
    public static async Task<int> WriteCsvAsync(string folder, int firstSensor, int lastSensor, DateTime start, int days)
    {
        Directory.CreateDirectory(folder);
        var steps = days * 96;
        for (var sensor = firstSensor; sensor <= lastSensor; sensor++)
        {
            var random = new Random(sensor);
            await using var file = new StreamWriter(Path.Combine(folder, $"sensor{sensor}.csv"), false, new UTF8Encoding(false), 1 << 16);
            await file.WriteLineAsync("event_start,value");
            for (var i = 0; i < steps; i++)
            {
                var time = start.AddMinutes(15 * i).ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);
                var value = Math.Round((40 * Math.Sin(i * Math.PI / 48)) + (10 * random.NextDouble()), 3).ToString(CultureInfo.InvariantCulture);
                await file.WriteLineAsync($"{time},{value}");
            }
        }

        return 0;
    }

    /// <summary>
    /// Imports sensor{id}.csv for each sensor as measurements of one source, in one transaction, as `flexmeasures add
    /// beliefs` does; timed after a small untimed import (the files of <paramref name="warmUpFolder"/>, sensors
    /// <paramref name="warmUpSensors"/>) so the process's first-call costs are not counted.
    /// </summary>
    public static async Task<int> ImportAsync(string folder, int firstSensor, int lastSensor, string source, string warmUpFolder, (int First, int Last) warmUpSensors)
    {
        await using var services = Services();
        await ImportFilesAsync(services, warmUpFolder, warmUpSensors.First, warmUpSensors.Last, source);
        var watch = Stopwatch.StartNew();
        var stored = await ImportFilesAsync(services, folder, firstSensor, lastSensor, source);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {stored} rows in {seconds:0.00} s = {stored / seconds:0} rows/s"));
        return stored > 0 ? 0 : 1;
    }

    private static async Task<long> ImportFilesAsync(ServiceProvider services, string folder, int firstSensor, int lastSensor, string source)
    {
        await using var scope = services.CreateAsyncScope();
        var files = Enumerable.Range(firstSensor, lastSensor - firstSensor + 1).Select(s => (Path.Combine(folder, $"sensor{s}.csv"), s)).ToList();
        var result = await scope.ServiceProvider.GetRequiredService<BeliefImporter>().ImportAsync(
            files, source, new CsvImportOptions(Horizon: TimeSpan.Zero), null, CancellationToken.None);
        return result.Saved.Stored;
    }

    /// <summary>
    /// Times reading <paramref name="sensors"/> over [start, start + days), most recent beliefs (as of
    /// <paramref name="prior"/> when given), resampled to one hour: the platform's series reads one sensor after the
    /// other, as a chart does, against one hand-written query.
    /// </summary>
    public static async Task<int> ReadAsync(string label, int[] sensors, DateTime start, int days, DateTime? prior, int runs)
    {
        await using var services = Services();
        var connection = services.GetRequiredService<DatabaseConnection>().ConnectionString;
        var end = start.AddDays(days);
        var platform = new Dictionary<(int, DateTime), double>();
        var platformTimes = await Timing.RepeatAsync(runs, async () =>
        {
            platform.Clear();
            await using var scope = services.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<SeriesReader>();
            foreach (var sensor in sensors)
            {
                var series = await reader.ReadAsync(
                    new SeriesQuery(sensor, start, end - start, Hour, Beliefs: new BeliefQuery { SensorId = sensor, BeliefsBefore = prior }),
                    CancellationToken.None);
                foreach (var (step, value) in series.Steps.Zip(series.Values))
                {
                    if (value is { } v)
                    {
                        platform[(sensor, step)] = v;
                    }
                }
            }
        });

        var sql = new Dictionary<(int, DateTime), double>();
        await using var data = NpgsqlDataSource.Create(connection);
        var sqlTimes = await Timing.RepeatAsync(runs, async () =>
        {
            sql.Clear();
            await foreach (var (sensor, bin, value) in HandWrittenAsync(data, sensors, start, end, prior))
            {
                sql[(sensor, bin)] = value;
            }
        });

        var same = platform.Count == sql.Count && sql.All(p => platform.TryGetValue(p.Key, out var v) && Math.Abs(v - p.Value) < 1e-6);
        var (ours, theirs) = (Timing.Median(platformTimes), Timing.Median(sqlTimes));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {label}: {sql.Count} hourly values; platform {ours:0.0} ms, SQL {theirs:0.0} ms, ratio {ours / theirs:0.00}; same values: {(same ? "yes" : "NO")}"));
        return same ? 0 : 1;
    }

    /// <summary>
    /// <paramref name="clients"/> concurrent readers of one day of a sensor through GET /api/v3_0/sensors/&lt;id&gt;/data
    /// for <paramref name="seconds"/>, then as many concurrent connections running the hand-written SQL; p50/p99 of each.
    /// </summary>
    public static async Task<int> GetLoadAsync(Uri server, string email, string password, int sensor, DateTime start, int days, int clients, int seconds)
    {
        if (await LoopbackApi.LoginAsync(server, email, password) is not var (http, token))
        {
            return 2;
        }

        using var client = http;
        var window = TimeSpan.FromDays(days);
        var path = string.Create(CultureInfo.InvariantCulture,
            $"/api/v3_0/sensors/{sensor}/data?start={Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture))}&duration=P{days}D&unit=kW&resolution=PT1H");
        var failures = new ConcurrentBag<string>();
        var api = await UnderLoadAsync(clients, seconds, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });

        await using var services = Services();
        await using var data = NpgsqlDataSource.Create(services.GetRequiredService<DatabaseConnection>().ConnectionString);
        var sql = await UnderLoadAsync(clients, seconds, async () =>
        {
            await foreach (var _ in HandWrittenAsync(data, [sensor], start, start + window, null))
            {
            }
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET {days} d of 1 sensor, {clients} concurrent: API p50 {Timing.Median(api):0.0} ms, p99 {Timing.Percentile(api, 0.99):0.0} ms ({api.Count} requests, {failures.Count} failed); " +
            $"SQL p50 {Timing.Median(sql):0.0} ms, p99 {Timing.Percentile(sql, 0.99):0.0} ms ({sql.Count} queries)"));
        foreach (var failure in failures.Take(3))
        {
            Console.WriteLine($"  failed: {failure}");
        }

        return failures.IsEmpty ? 0 : 1;
    }

    private static async IAsyncEnumerable<(int Sensor, DateTime Bin, double Value)> HandWrittenAsync(
        NpgsqlDataSource data, int[] sensors, DateTime start, DateTime end, DateTime? prior)
    {
        await using var command = data.CreateCommand(LatestPerEvent);
        command.Parameters.AddWithValue("sensors", sensors);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.Add(new NpgsqlParameter("prior", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = prior is { } p ? p : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return (reader.GetInt32(0), reader.GetDateTime(1), reader.GetDouble(2));
        }
    }

    /// <summary>Runs <paramref name="work"/> in <paramref name="clients"/> loops at once for a while; each call's milliseconds (after a short warm-up).</summary>
    private static async Task<List<double>> UnderLoadAsync(int clients, int seconds, Func<Task> work)
    {
        var times = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, seconds / 5.0));
        var until = warmUp + TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            // Bounded: at most 100,000 calls per client.
            for (var call = 0; clock.Elapsed < until && call < 100_000; call++)
            {
                var watch = Stopwatch.StartNew();
                await work();
                if (clock.Elapsed > warmUp)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }));
        return [.. times];
    }

    private static ServiceProvider Services() =>
        new ServiceCollection().AddLogging().AddFlexMeasuresData(FlexMeasuresConfiguration.FromEnvironment()).BuildServiceProvider();
}

using System.Globalization;
using System.Text;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// Writes the import benchmark's input: one CSV per sensor (event start, value; sorted by time) for
/// <c>flexmeasures add beliefs</c>, and the same rows as one file in <c>timed_belief</c>'s column order for
/// <c>psql \copy</c>. Sensor ids are 1..N and the source id is 1 in the copy file.
/// </summary>
internal static class Generate
{
    public static async Task<int> RunAsync(string folder, int sensors, int events)
    {
        Directory.CreateDirectory(folder);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        await using var copy = new StreamWriter(Path.Combine(folder, "copy.csv"), false, new UTF8Encoding(false), 1 << 20);
        var perSensor = new StreamWriter[sensors];
        for (var s = 0; s < sensors; s++)
        {
            perSensor[s] = new StreamWriter(Path.Combine(folder, $"sensor{s + 1}.csv"), false, new UTF8Encoding(false), 1 << 20);
            await perSensor[s].WriteLineAsync("event_start,value");
        }

        for (var i = 0; i < events; i++)
        {
            var time = start.AddMinutes(15 * i);
            var iso = time.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);
            for (var s = 0; s < sensors; s++)
            {
                var value = Math.Round((50 * Math.Sin(i * Math.PI / 48)) + (10 * random.NextDouble()) + s, 3).ToString(CultureInfo.InvariantCulture);
                await perSensor[s].WriteLineAsync($"{iso},{value}");
                await copy.WriteLineAsync($"{iso},00:00:00,0.5,{value},{s + 1},1");
            }
        }

        foreach (var writer in perSensor)
        {
            await writer.DisposeAsync();
        }

        Console.WriteLine($"{sensors * (long)events} rows written to {folder}");
        return 0;
    }
}

using System.Globalization;
using FlexMeasures.Jobs.Forecasts;
using Hangfire.Common;

namespace FlexMeasures.Jobs.Queue;

/// <summary>How jobs read in lists, logs and the dashboard: ISO 8601 instants and durations, never .NET's defaults.</summary>
public static class JobText
{
    /// <summary><c>ForecastJob(1, 2024-03-01T00:00Z, 2024-03-02T00:00Z, P2D, double-seasonal)</c>.</summary>
    public static string Describe(Job? job) =>
        job is null
            ? "(cannot be loaded)"
            : $"{job.Type.Name}({string.Join(", ", job.Args.Where(a => a is not CancellationToken).Select(Format))})";

    /// <summary>
    /// A title for people: <c>Forecast 'power' (sensor 1), 2024-03-01T00:00Z to 2024-03-02T00:00Z, horizon P2D, double-seasonal</c>.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="sensorName">Looks up a sensor's name; null when unknown.</param>
    public static string Title(Job? job, Func<int, string?> sensorName)
    {
        ArgumentNullException.ThrowIfNull(sensorName);
        if (job?.Type != typeof(ForecastJob) || job.Args is not [int sensorId, DateTime start, DateTime end, TimeSpan horizon, string model, ..])
        {
            return Describe(job);
        }

        var sensor = sensorName(sensorId) is { } name ? $"'{name}' (sensor {sensorId})" : $"sensor {sensorId}";
        return $"Forecast {sensor}, {Format(start)} to {Format(end)}, horizon {Format(horizon)}, {model}";
    }

    /// <summary>One argument: instants as UTC ISO 8601, durations as ISO 8601, lists (quantile levels) as <c>[0.1 0.5 0.9]</c>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture),
        TimeSpan t => Data.Time.IsoDuration.Format(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => $"[{string.Join(' ', list.Cast<object?>().Select(Format))}]",
        _ => value.ToString() ?? "",
    };
}

using System.Text.Json;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Sensors;

/// <summary>How stale a sensor's data may get (FlexMeasures' <c>status_specs</c>).</summary>
/// <param name="MaxStaleness">How long ago past data may have become known.</param>
/// <param name="MaxFutureStaleness">How far ahead forecasts and schedules must reach, as a negative duration (−12 h: at least 12 hours ahead).</param>
public sealed record SensorStatusSpecs(TimeSpan MaxStaleness, TimeSpan MaxFutureStaleness)
{
    /// <summary>
    /// The sensor's <c>status_specs</c> attribute where it sets both durations; otherwise FlexMeasures' defaults: a day
    /// for day-ahead style sensors (knowledge horizon <c>x_days_ago_at_y_oclock</c>), else two resolutions; data
    /// about the future must reach at least 12 hours ahead.
    /// </summary>
    public static SensorStatusSpecs Of(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (Explicit(sensor.Attributes) is { } specs)
        {
            return specs;
        }

        var maxStaleness = sensor.KnowledgeHorizonFnc == "x_days_ago_at_y_oclock" ? TimeSpan.FromDays(1) : sensor.EventResolution * 2;
        return new SensorStatusSpecs(maxStaleness, TimeSpan.FromHours(-12));
    }

    private static SensorStatusSpecs? Explicit(string attributes)
    {
        try
        {
            using var json = JsonDocument.Parse(attributes);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status_specs", out var specs) && specs.ValueKind == JsonValueKind.Object
                && specs.TryGetProperty("max_staleness", out var past) && IsoDuration.TryParse(past.GetString(), out var maxStaleness)
                && specs.TryGetProperty("max_future_staleness", out var future) && IsoDuration.TryParse(future.GetString(), out var maxFuture)
                ? new SensorStatusSpecs(maxStaleness, maxFuture)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A duration that is not a string.
            return null;
        }
    }
}

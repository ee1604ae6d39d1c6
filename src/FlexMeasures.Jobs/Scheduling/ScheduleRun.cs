using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Jobs.Scheduling;

/// <summary>
/// A checked scheduling request, small enough to be a job argument: the window, the belief time and the flex-models
/// and flex-context as merged JSON (stored fields overridden by the request's), parsed again when the job runs.
/// </summary>
/// <param name="Scheduler"><see cref="SchedulerNames.Storage"/> or <see cref="SchedulerNames.Process"/>.</param>
/// <param name="AssetId">The asset whose schedule was asked for (null for the sensor trigger).</param>
/// <param name="SensorId">The sensor whose schedule was asked for (null for the asset trigger).</param>
/// <param name="Start">UTC, on the resolution's grid.</param>
/// <param name="End">UTC, exclusive.</param>
/// <param name="BeliefTime">UTC: inputs as known then; the schedule's beliefs are held then.</param>
/// <param name="FlexModels">One object per device, each with <c>sensor</c>.</param>
public sealed record ScheduleRun(
    string Scheduler,
    int? AssetId,
    int? SensorId,
    DateTime Start,
    DateTime End,
    TimeSpan Resolution,
    DateTime BeliefTime,
    JsonArray FlexModels,
    JsonObject FlexContext)
{
    public int Steps => (int)((End - Start).Ticks / Resolution.Ticks);

    /// <summary>The power sensors the schedule is for, in flex-model order.</summary>
    public IReadOnlyList<int> PowerSensors => [.. FlexModels.Select(m => m!["sensor"]!.GetValue<int>())];

    public string ToJson() => new JsonObject
    {
        ["scheduler"] = Scheduler,
        ["asset"] = AssetId,
        ["sensor"] = SensorId,
        ["start"] = Format(Start),
        ["end"] = Format(End),
        ["resolution"] = IsoDuration.Format(Resolution),
        ["belief-time"] = Format(BeliefTime),
        ["flex-model"] = FlexModels.DeepClone(),
        ["flex-context"] = FlexContext.DeepClone(),
    }.ToJsonString();

    /// <summary>
    /// What makes two triggers identical (FlexMeasures hashes the trigger's arguments): the scheduler, asset or sensor,
    /// window, resolution and merged flex config, and the belief time only when the trigger gave one (a trigger without
    /// <c>prior</c> means "now", which differs every time). Object keys are sorted, so their order does not matter.
    /// </summary>
    /// <returns>A SHA-256, hex.</returns>
    public string TriggerKey(bool beliefTimeGiven)
    {
        var identity = JsonNode.Parse(ToJson())!.AsObject();
        if (!beliefTimeGiven)
        {
            identity.Remove("belief-time");
        }

        var canonical = Canonical(identity)!.ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <exception cref="FormatException">Not the JSON of a run.</exception>
    public static ScheduleRun FromJson(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A schedule run must be a JSON object.");
        try
        {
            return new ScheduleRun(
                node["scheduler"]!.GetValue<string>(),
                node["asset"]?.GetValue<int>(),
                node["sensor"]?.GetValue<int>(),
                Parse(node["start"]),
                Parse(node["end"]),
                IsoDuration.Parse(node["resolution"]!.GetValue<string>()),
                Parse(node["belief-time"]),
                (JsonArray)node["flex-model"]!.DeepClone(),
                (JsonObject)node["flex-context"]!.DeepClone());
        }
        catch (Exception e) when (e is NullReferenceException or InvalidCastException or InvalidOperationException)
        {
            throw new FormatException($"Not a schedule run: {e.Message}", e);
        }
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTime Parse(JsonNode? node) =>
        DateTime.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

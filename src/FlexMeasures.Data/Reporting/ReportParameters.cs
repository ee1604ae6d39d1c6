using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>An input series of a report (FlexMeasures' parameters <c>input</c> item).</summary>
/// <param name="Name">How the config refers to it (weights, formulas); default <c>sensor_&lt;id&gt;</c> as in FlexMeasures.</param>
/// <param name="SourceIds">Only beliefs of these sources, the first listed winning where several have a value; empty: any one source.</param>
/// <param name="Unit">Read in this unit (converted from the sensor's); null: the reporter decides.</param>
public sealed record ReportInput(string Name, int SensorId, IReadOnlyList<int> SourceIds, string? Unit);

/// <summary>A sensor a report is stored on (FlexMeasures' parameters <c>output</c> item).</summary>
public sealed record ReportOutput(string? Name, int SensorId);

/// <summary>
/// What one report is computed over: inputs, outputs, window (UTC, end exclusive), the resolution inputs are read at
/// and the belief time (inputs as known then; results held then).
/// </summary>
/// <param name="Resolution">Null: the reporter's default (usually the output sensor's resolution).</param>
/// <param name="BeliefTime">Null: the moment the report is computed.</param>
public sealed record ReportParameters(
    IReadOnlyList<ReportInput> Inputs,
    IReadOnlyList<ReportOutput> Outputs,
    DateTime Start,
    DateTime End,
    TimeSpan? Resolution,
    DateTime? BeliefTime)
{
    /// <summary>The field names FlexMeasures' parameters schema has, which we read.</summary>
    private static readonly string[] Fields = ["input", "output", "start", "end", "resolution", "belief_time"];

    /// <summary>Reads FlexMeasures' parameters JSON.</summary>
    /// <exception cref="InvalidInputException">Field <c>parameters.…</c>: the first problem, naming the field.</exception>
    public static ReportParameters FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string field = "parameters";
        RequireKnown(json, Fields, field);
        var inputs = List(json, "input", field).Select((node, i) => Input(node, $"{field}.input[{i}]")).ToList();
        var duplicate = inputs.GroupBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidInputException($"{field}.input", $"two inputs are named '{duplicate.Key}'; give each a \"name\" of its own");
        }

        var outputs = List(json, "output", field).Select((node, i) => Output(node, $"{field}.output[{i}]")).ToList();
        var start = Instant(json["start"], $"{field}.start") ?? throw new InvalidInputException($"{field}.start", "is required (or --start / --start-offset)");
        var end = Instant(json["end"], $"{field}.end") ?? throw new InvalidInputException($"{field}.end", "is required (or --end / --end-offset)");
        if (end <= start)
        {
            throw new InvalidInputException($"{field}.end", string.Create(CultureInfo.InvariantCulture, $"must be after the start ({start:yyyy-MM-ddTHH:mm:ssZ}); got {end:yyyy-MM-ddTHH:mm:ssZ}"));
        }

        TimeSpan? resolution = null;
        if (json["resolution"] is { } r)
        {
            var text = Text(r, $"{field}.resolution");
            if (!IsoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero)
            {
                throw new InvalidInputException($"{field}.resolution", $"'{text}' is not a positive ISO 8601 duration such as PT1H");
            }

            resolution = value;
        }

        return new ReportParameters(inputs, outputs, start, end, resolution, Instant(json["belief_time"], $"{field}.belief_time"));
    }

    /// <summary>FlexMeasures' JSON of these parameters (instants in UTC): what a job carries and a source may keep.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["input"] = new JsonArray([.. Inputs.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["sensor"] = i.SensorId,
                ["sources"] = new JsonArray([.. i.SourceIds.Select(s => (JsonNode)s)]),
                ["unit"] = i.Unit,
            })]),
            ["output"] = new JsonArray([.. Outputs.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["sensor"] = o.SensorId })]),
            ["start"] = Format(Start),
            ["end"] = Format(End),
        };
        if (Resolution is { } resolution)
        {
            json["resolution"] = IsoDuration.Format(resolution);
        }

        if (BeliefTime is { } beliefTime)
        {
            json["belief_time"] = Format(beliefTime);
        }

        return json;
    }

    /// <summary>Refuses keys a schema does not have, as FlexMeasures' schemas do (a typo must not be silently ignored).</summary>
    /// <exception cref="InvalidInputException">Names the unknown key and the known ones.</exception>
    internal static void RequireKnown(JsonObject json, IReadOnlyCollection<string> known, string field)
    {
        foreach (var (key, _) in json)
        {
            if (!known.Contains(key))
            {
                throw new InvalidInputException($"{field}.{key}", $"is not a known field; use {string.Join(", ", known)}");
            }
        }
    }

    /// <exception cref="InvalidInputException">Not a whole number.</exception>
    internal static int Id(JsonNode? node, string field) =>
        TryNumber(node, out var number) && number == Math.Round(number) && number is > 0 and <= int.MaxValue
            ? (int)number
            : throw new InvalidInputException(field, node is null ? "is required (an id)" : $"must be an id (a positive whole number), got {node.ToJsonString()}");

    /// <summary>A JSON number as a double, whether it was parsed or built in code (which holds an int, say).</summary>
    internal static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    internal static string Text(JsonNode node, string field) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new InvalidInputException(field, $"must be text, got {node.ToJsonString()}");

    private static IReadOnlyList<JsonNode?> List(JsonObject json, string key, string field) =>
        json[key] switch
        {
            JsonArray { Count: > 0 } array => [.. array],
            JsonArray => throw new InvalidInputException($"{field}.{key}", "must name at least one sensor"),
            null => throw new InvalidInputException($"{field}.{key}", "is required: a list such as [{\"sensor\": 1}]"),
            var other => throw new InvalidInputException($"{field}.{key}", $"must be a list such as [{{\"sensor\": 1}}], got {other.ToJsonString()}"),
        };

    private static ReportInput Input(JsonNode? node, string field)
    {
        var json = node as JsonObject ?? throw new InvalidInputException(field, "must be an object such as {\"sensor\": 1}");
        RequireKnown(json, ["name", "sensor", "source", "sources", "unit"], field);
        var sensor = Id(json["sensor"], $"{field}.sensor");
        if (json["source"] is not null && json["sources"] is not null)
        {
            throw new InvalidInputException($"{field}.sources", "give \"source\" or \"sources\", not both");
        }

        IReadOnlyList<int> sources = json["sources"] switch
        {
            null => json["source"] is { } one ? [Id(one, $"{field}.source")] : [],
            JsonArray array => [.. array.Select((s, i) => Id(s, $"{field}.sources[{i}]"))],
            var other => throw new InvalidInputException($"{field}.sources", $"must be a list of source ids, got {other.ToJsonString()}"),
        };
        var name = json["name"] is { } n ? Text(n, $"{field}.name") : $"sensor_{sensor.ToString(CultureInfo.InvariantCulture)}";
        var unit = json["unit"] is { } u ? Text(u, $"{field}.unit") : null;
        return new ReportInput(name, sensor, sources, unit);
    }

    private static ReportOutput Output(JsonNode? node, string field)
    {
        var json = node as JsonObject ?? throw new InvalidInputException(field, "must be an object such as {\"sensor\": 1}");
        // FlexMeasures' column names a data frame's column; a report here is one series, so it changes nothing.
        RequireKnown(json, ["name", "sensor", "column"], field);
        return new ReportOutput(json["name"] is { } n ? Text(n, $"{field}.name") : null, Id(json["sensor"], $"{field}.sensor"));
    }

    private static DateTime? Instant(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        var text = Text(node, field);
        return AwareDateTime.TryParse(text, out var value)
            ? value.UtcDateTime
            : throw new InvalidInputException(field, $"'{text}' is not an ISO 8601 date-time with an offset, e.g. 2025-01-01T00:00:00+01:00");
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}

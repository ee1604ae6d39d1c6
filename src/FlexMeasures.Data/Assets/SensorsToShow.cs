using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Assets;

/// <summary>
/// An asset's <c>sensors_to_show</c>, FlexMeasures' setting for which sensors its graph stacks: a JSON list whose
/// items are a sensor id (a chart of its own), a list of ids (one chart), or an object with an optional
/// <c>title</c> and a <c>sensor</c>, <c>sensors</c> or <c>plots</c> list (<c>[{"sensor": 1}, {"sensors": [2, 3]}]</c>).
/// </summary>
public static class SensorsToShow
{
    public const string Field = "sensors_to_show";

    /// <summary>The groups the setting names, in its order; empty for an empty setting.</summary>
    /// <exception cref="InvalidInputException">Field <c>sensors_to_show</c>: not one of the forms above.</exception>
    public static IReadOnlyList<SensorGroup> Parse(string? json)
    {
        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(json) ? new JsonArray() : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            throw Invalid("is not valid JSON.");
        }

        if (root is not JsonArray items)
        {
            throw Invalid("should be a list.");
        }

        return [.. items.Select(Group)];
    }

    /// <summary>
    /// The groups to draw when the setting is empty: every sensor of the asset, one chart per unit (so a chart's axis
    /// has one unit), charts in the order of their first sensor's id.
    /// </summary>
    public static IReadOnlyList<SensorGroup> Default(IEnumerable<Sensor> sensors) =>
        [.. sensors.OrderBy(s => s.Id).GroupBy(s => s.Unit).Select(g => new SensorGroup(null, [.. g.Select(s => s.Id)]))];

    /// <summary>Every sensor id of the groups, first appearance first.</summary>
    public static IReadOnlyList<int> Flatten(IEnumerable<SensorGroup> groups) => [.. groups.SelectMany(g => g.SensorIds).Distinct()];

    private static SensorGroup Group(JsonNode? item) => item switch
    {
        JsonValue value => new SensorGroup(null, [SensorId(value, "an item")]),
        JsonArray ids => new SensorGroup(null, SensorIds(ids, "a list")),
        JsonObject group => TitledGroup(group),
        _ => throw Invalid("items must be sensor ids, lists of sensor ids or objects with a title and sensors."),
    };

    private static SensorGroup TitledGroup(JsonObject group)
    {
        string? title = null;
        if (group["title"] is { } titleNode)
        {
            title = titleNode is JsonValue t && t.GetValueKind() == JsonValueKind.String
                ? t.GetValue<string>()
                : throw Invalid("'title' value must be a string.");
        }

        if (group["sensor"] is { } sensor)
        {
            return new SensorGroup(title, [SensorId(sensor, "'sensor'")]);
        }

        if (group["sensors"] is { } sensors)
        {
            return new SensorGroup(title, SensorIds(sensors as JsonArray ?? throw Invalid("'sensors' value must be a list of integers."), "'sensors'"));
        }

        if (group["plots"] is JsonArray plots)
        {
            // Plots of an asset's flex-model or flex-context field (FlexMeasures draws their fixed values) name no
            // sensor; they are left out rather than refused, so a setting made for FlexMeasures still draws.
            var ids = plots.SelectMany(plot => plot switch
            {
                JsonObject { } p when p["sensor"] is { } one => [SensorId(one, "'sensor'")],
                JsonObject { } p when p["sensors"] is JsonArray many => SensorIds(many, "'sensors'"),
                JsonObject { } p when p.ContainsKey("asset") => [],
                _ => throw Invalid("each of 'plots' must be an object with 'sensor', 'sensors' or 'asset'."),
            });
            return new SensorGroup(title, [.. ids]);
        }

        throw Invalid("an object must contain either 'sensor', 'sensors' or 'plots'.");
    }

    private static List<int> SensorIds(JsonArray ids, string what) => [.. ids.Select(id => SensorId(id, $"every element of {what}"))];

    private static int SensorId(JsonNode? node, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var id)
            ? id
            : throw Invalid($"{what} must be an integer sensor id.");

    private static InvalidInputException Invalid(string problem) => new(Field, $"{Field} {problem}");
}

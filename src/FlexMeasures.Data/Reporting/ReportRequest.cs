using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Reporting;

/// <summary>A report to make: which reporter, its config and its parameters, as FlexMeasures' JSON.</summary>
/// <param name="SaveConfig">Keep the config in the data source's attributes, so each distinct config gets a source of its own.</param>
public sealed record ReportRequest(string Reporter, JsonObject Config, JsonObject Parameters, bool SaveConfig)
{
    /// <summary>The request as one JSON text: a job's argument.</summary>
    public string ToJson() => new JsonObject
    {
        ["reporter"] = Reporter,
        ["config"] = Config.DeepClone(),
        ["parameters"] = Parameters.DeepClone(),
        ["save_config"] = SaveConfig,
    }.ToJsonString();

    /// <exception cref="FormatException">Not the JSON of a request.</exception>
    public static ReportRequest FromJson(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject node
            || node["reporter"]?.GetValue<string>() is not { } reporter
            || node["config"] is not JsonObject config
            || node["parameters"] is not JsonObject parameters)
        {
            throw new FormatException("A report request must be a JSON object with reporter, config and parameters.");
        }

        return new ReportRequest(reporter, (JsonObject)config.DeepClone(), (JsonObject)parameters.DeepClone(), node["save_config"]?.GetValue<bool>() ?? false);
    }
}

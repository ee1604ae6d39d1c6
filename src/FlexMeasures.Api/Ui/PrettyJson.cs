using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Api.Ui;

/// <summary>Stored JSON settings (attributes, flex-context, flex-model) as people read them on a page.</summary>
internal static class PrettyJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented JSON; text that is not JSON (written around the platform) is shown as it is, not hidden.</summary>
    public static string Format(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>Whether a stored setting says anything (not empty, not <c>{}</c>).</summary>
    public static bool IsEmpty(string? json) =>
        string.IsNullOrWhiteSpace(json) || json.Trim() is "{}" or "null" or "[]";
}

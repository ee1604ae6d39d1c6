using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Validation;

/// <summary>Checks and normalises the JSON held in text columns.</summary>
public static class Json
{
    /// <summary>Parses a JSON object, or says which field is not one.</summary>
    /// <exception cref="InvalidInputException">Not JSON, or not an object.</exception>
    public static JsonObject ParseObject(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(field, $"is not valid JSON ({e.Message})");
        }

        return node as JsonObject ?? throw new InvalidInputException(field, $"must be a JSON object like {{\"key\": 1}}, got {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
    }
}

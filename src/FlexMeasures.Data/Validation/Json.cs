using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Validation;

/// <summary>Checks and normalises the JSON held in text columns.</summary>
public static class Json
{
    /// <summary>Parses a JSON object, or says which field is not one. For reading what is stored; input goes through <see cref="ParseAttributes"/>.</summary>
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

    /// <summary>A JSON object given as input, checked with <see cref="RequireStorable"/>.</summary>
    /// <exception cref="InvalidInputException">Not a JSON object, or holding what cannot be stored.</exception>
    public static JsonObject ParseAttributes(string? text, string field)
    {
        var attributes = ParseObject(text, field);
        RequireStorable(attributes, field);
        return attributes;
    }

    /// <summary>
    /// Refuses JSON that every provider cannot store and read back alike: keys with control characters, strings
    /// with control characters other than tabs and line breaks (PostgreSQL's jsonb refuses NUL), and numbers
    /// outside the range of a double (a 1000-digit number would come back as something else).
    /// </summary>
    /// <exception cref="InvalidInputException">The message names the path, e.g. <c>attributes.limits[2]</c>.</exception>
    public static void RequireStorable(JsonNode? node, string field)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (!TextRules.IsPrintable(key))
                    {
                        throw new InvalidInputException(field, "keys must not contain control characters");
                    }

                    RequireStorable(value, $"{field}.{key}");
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    RequireStorable(array[i], $"{field}[{i}]");
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                TextRules.RequirePrintableLines(value.GetValue<string>(), field);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (!IsFiniteDouble(value))
                {
                    throw new InvalidInputException(field, $"the number {Shorten(value.ToJsonString())} does not fit a double (about ±1.8e308)");
                }

                break;
        }
    }

    /// <summary>Whether a JSON number can be read as a finite double (<c>1e400</c> cannot).</summary>
    public static bool IsFiniteDouble(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double number;
        try
        {
            if (value.TryGetValue(out number))
            {
                return double.IsFinite(number);
            }
        }
        catch (FormatException)
        {
            // Parsed JSON beyond the range of a double.
            return false;
        }

        // A value made in code (e.g. from a long) does not convert; its JSON text does, and a number too large
        // for a double parses as infinity.
        return value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : $"{text[..20]}… ({text.Length} characters)";
}

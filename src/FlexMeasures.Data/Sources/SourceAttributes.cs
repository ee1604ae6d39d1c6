using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Sources;

/// <summary>The identity hash of a data source's attributes (column <c>attributes_hash</c>).</summary>
public static class SourceAttributes
{
    /// <summary>
    /// SHA-256 of the attributes written as Python's <c>json.dumps(attributes, sort_keys=True)</c> writes them (keys
    /// sorted, <c>", "</c> and <c>": "</c> between items, non-ASCII escaped), so that two configurations that differ only
    /// in key order make one source. Numbers are written as given.
    /// </summary>
    public static byte[] Hash(JsonObject attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var text = new StringBuilder();
        Write(attributes, text);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    WriteString(key, text);
                    text.Append(": ");
                    Write(item, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(array[i], text);
                }

                text.Append(']');
                break;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(value.GetValue<string>(), text);
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    default:
                        text.Append(value.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            var escaped = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < 0x20 || c > 0x7f => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escaped is null)
            {
                text.Append(c);
            }
            else
            {
                text.Append(escaped);
            }
        }

        text.Append('"');
    }
}

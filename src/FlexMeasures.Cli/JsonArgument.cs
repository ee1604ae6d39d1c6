using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Cli;

/// <summary>A JSON option value given inline or as <c>@file</c> (flex-models and flex-contexts are often too long to type).</summary>
internal static class JsonArgument
{
    /// <summary>The option's value, or the content of the file it names after <c>@</c>; null when not given.</summary>
    /// <exception cref="CliUserException">The file does not exist.</exception>
    public static string? Text(string? value, string option)
    {
        if (value is null || !value.StartsWith('@'))
        {
            return value;
        }

        var path = value[1..];
        return File.Exists(path) ? File.ReadAllText(path) : throw new CliUserException($"{option}: no file '{path}'.");
    }

    /// <summary><see cref="Text"/>, parsed.</summary>
    /// <exception cref="CliUserException">No such file, or not JSON.</exception>
    public static JsonNode? Parse(string? value, string option)
    {
        var text = Text(value, option);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliUserException($"{option}: not valid JSON ({e.Message}).");
        }
    }
}

using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Spectre.Console;

namespace FlexMeasures.Cli.Administration;

/// <summary>Prints rows (records) as an aligned table for people or as JSON for scripts.</summary>
internal static class Listing
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static async Task WriteAsync<T>(CliContext context, IReadOnlyList<T> rows, bool json, string? title = null)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(rows, JsonOptions));
            return;
        }

        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var table = new Table().Border(TableBorder.Simple);
        if (title is not null)
        {
            table.Title(title);
        }

        foreach (var property in properties)
        {
            table.AddColumn(new TableColumn(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)).NoWrap());
        }

        foreach (var row in rows)
        {
            table.AddRow(properties.Select(p => Markup.Escape(Format(context.Display, p.GetValue(row)))).ToArray());
        }

        context.Console.Profile.Width = Math.Max(context.Console.Profile.Width, 240);
        context.Console.Write(table);
        if (rows.Count == 0)
        {
            await context.Out.WriteLineAsync("(none)");
        }
    }

    private static string Format(DisplayZone zone, object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => zone.Stamp(d),
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using System.Globalization;
using System.Text;
using FlexMeasures.Data.Beliefs;
using Spectre.Console;

namespace FlexMeasures.Cli.Beliefs;

/// <summary>Renders series: a terminal table, a CSV file, a PNG line chart.</summary>
internal static class BeliefOutput
{
    public static void WriteTable(CliContext context, IReadOnlyList<(int Sensor, string Name, SensorSeries Values)> series)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn($"event_start ({context.Display.Name})");
        foreach (var (sensor, name, values) in series)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{name} (#{sensor}) [{values.Unit}]")).RightAligned());
        }

        for (var i = 0; i < series[0].Values.Steps.Count; i++)
        {
            var row = new List<string> { context.Display.Wall(series[0].Values.Steps[i], "yyyy-MM-dd HH:mm") };
            row.AddRange(series.Select(s => i < s.Values.Values.Count ? Format(s.Values.Values[i]) : ""));
            table.AddRow(row.ToArray());
        }

        context.Console.Profile.Width = Math.Max(context.Console.Profile.Width, 160);
        context.Console.Write(table);
    }

    public static async Task WriteCsvAsync(DisplayZone zone, string file, IReadOnlyList<(int Sensor, string Name, SensorSeries Values)> series, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("event_start");
        foreach (var (sensor, name, values) in series)
        {
            text.Append(',').Append(Quote($"{name} (#{sensor}) [{values.Unit}]"));
        }

        text.Append('\n');
        for (var i = 0; i < series[0].Values.Steps.Count; i++)
        {
            text.Append(zone.Iso(series[0].Values.Steps[i]));
            foreach (var (_, _, values) in series)
            {
                text.Append(',').Append(i < values.Values.Count ? Format(values.Values[i]) : "");
            }

            text.Append('\n');
        }

        await File.WriteAllTextAsync(file, text.ToString(), cancellationToken);
    }

    public static void WriteChart(string file, IReadOnlyList<(int Sensor, string Name, SensorSeries Values)> series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (sensor, name, values) in series)
        {
            var xs = values.Steps.Select(s => s.ToOADate()).ToArray();
            var ys = values.Values.Select(v => v ?? double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{name} (#{sensor}) [{values.Unit}]";
            line.MarkerSize = 0;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.XLabel("time (UTC)");
        plot.YLabel(string.Join(", ", series.Select(s => s.Values.Unit).Distinct()));
        plot.ShowLegend();
        plot.SavePng(file, 1200, 600);
    }

    private static string Format(double? value) => value?.ToString("G10", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}

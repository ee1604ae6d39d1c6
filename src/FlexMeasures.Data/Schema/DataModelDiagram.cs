using System.Globalization;
using System.Net;
using System.Text;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FlexMeasures.Data.Schema;

/// <summary>Output formats of the data-model picture.</summary>
public enum DiagramFormat
{
    /// <summary>A Mermaid <c>erDiagram</c> (renders in GitHub, GitLab and most Markdown viewers).</summary>
    Mermaid,

    /// <summary>Graphviz DOT source.</summary>
    Dot,

    /// <summary>An SVG picture rendered by Graphviz <c>dot</c>.</summary>
    Svg,

    /// <summary>A PNG picture rendered by Graphviz <c>dot</c>.</summary>
    Png,
}

/// <summary>Draws the tables, columns and foreign keys of the EF model (as the configured provider maps them).</summary>
public sealed class DataModelDiagram(IDbContextFactory<FlexMeasuresDbContext> contexts)
{
    /// <summary>The diagram as text (Mermaid or DOT) or as picture bytes (SVG, PNG).</summary>
    /// <exception cref="ExternalProgramMissingException">SVG or PNG was asked for and Graphviz is not installed.</exception>
    public async Task<byte[]> RenderAsync(DiagramFormat format, CancellationToken cancellationToken)
    {
        var tables = await ReadTablesAsync(cancellationToken);
        switch (format)
        {
            case DiagramFormat.Mermaid:
                return Encoding.UTF8.GetBytes(ToMermaid(tables));
            case DiagramFormat.Dot:
                return Encoding.UTF8.GetBytes(ToDot(tables));
            default:
                var output = Path.GetTempFileName();
                try
                {
                    var result = await ExternalProgram.RunAsync(
                        "dot",
                        [format == DiagramFormat.Svg ? "-Tsvg" : "-Tpng", "-o", output],
                        null,
                        ToDot(tables),
                        "graphviz",
                        cancellationToken);
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"Graphviz dot failed: {result.StandardError.Trim()}");
                    }

                    return await File.ReadAllBytesAsync(output, cancellationToken);
                }
                finally
                {
                    File.Delete(output);
                }
        }
    }

    private async Task<IReadOnlyList<ITable>> ReadTablesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = db.GetService<IDesignTimeModel>().Model;
        return [.. model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static string ToMermaid(IReadOnlyList<ITable> tables)
    {
        var text = new StringBuilder("erDiagram\n");
        foreach (var table in tables)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {table.Name} {{\n");
            foreach (var column in table.Columns)
            {
                var type = new string([.. column.StoreType.Select(c => char.IsLetterOrDigit(c) ? c : '_')]).Trim('_');
                var keys = string.Join(", ", Keys(table, column));
                text.Append(CultureInfo.InvariantCulture, $"        {type} {column.Name}{(keys.Length > 0 ? " " + keys : "")}\n");
            }

            text.Append("    }\n");
        }

        foreach (var table in tables)
        {
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                var optional = foreignKey.Columns.Any(c => c.IsNullable);
                text.Append(CultureInfo.InvariantCulture,
                    $"    {foreignKey.PrincipalTable.Name} {(optional ? "|o" : "||")}--o{{ {table.Name} : \"{string.Join(", ", foreignKey.Columns.Select(c => c.Name))}\"\n");
            }
        }

        return text.ToString();
    }

    private static string ToDot(IReadOnlyList<ITable> tables)
    {
        var text = new StringBuilder("digraph flexmeasures {\n    graph [rankdir=LR, fontname=\"Helvetica\"];\n    node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n    edge [arrowhead=crow, arrowtail=none, fontsize=8];\n");
        foreach (var table in tables)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"    \"{table.Name}\" [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\"><tr><td bgcolor=\"#c6dbef\" colspan=\"2\"><b>{table.Name}</b></td></tr>");
            foreach (var column in table.Columns)
            {
                var keys = string.Join(", ", Keys(table, column));
                text.Append(CultureInfo.InvariantCulture,
                    $"<tr><td align=\"left\" port=\"{column.Name}\">{(keys.Contains("PK", StringComparison.Ordinal) ? $"<u>{column.Name}</u>" : column.Name)}</td><td align=\"left\">{WebUtility.HtmlEncode(column.StoreType)}{(column.IsNullable ? "" : " NOT NULL")}</td></tr>");
            }

            text.Append("</table>>];\n");
        }

        foreach (var table in tables)
        {
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"    \"{foreignKey.PrincipalTable.Name}\" -> \"{table.Name}\":\"{foreignKey.Columns[0].Name}\" [label=\"{foreignKey.OnDeleteAction.ToString().ToUpperInvariant()}\"];\n");
            }
        }

        return text.Append("}\n").ToString();
    }

    private static IEnumerable<string> Keys(ITable table, IColumn column)
    {
        if (table.PrimaryKey?.Columns.Contains(column) == true)
        {
            yield return "PK";
        }

        if (table.ForeignKeyConstraints.Any(f => f.Columns.Contains(column)))
        {
            yield return "FK";
        }

        if (table.UniqueConstraints.Any(u => !u.GetIsPrimaryKey() && u.Columns.Count == 1 && u.Columns[0] == column)
            || table.Indexes.Any(i => i.IsUnique && i.Filter is null && i.Columns.Count == 1 && i.Columns[0] == column))
        {
            yield return "UK";
        }
    }
}

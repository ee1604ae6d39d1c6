namespace FlexMeasures.Data.Schema;

/// <summary>Data a downgrade destroys in one table.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Columns">The columns dropped; empty when the whole table is dropped.</param>
/// <param name="Rows">Rows the table holds now.</param>
public sealed record DataLoss(string Table, IReadOnlyList<string> Columns, long Rows)
{
    /// <summary>E.g. <c>timed_belief (1200 rows)</c> or <c>sensor: column attributes (3 rows)</c>.</summary>
    public override string ToString() => Columns.Count == 0
        ? $"{Table} ({Rows} rows)"
        : $"{Table}: column{(Columns.Count > 1 ? "s" : "")} {string.Join(", ", Columns)} ({Rows} rows)";
}

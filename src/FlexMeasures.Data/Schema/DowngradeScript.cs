using System.Text.RegularExpressions;

namespace FlexMeasures.Data.Schema;

/// <summary>Reads, from the SQL of a downgrade, which tables and columns it drops for good.</summary>
internal static partial class DowngradeScript
{
    /// <summary>
    /// Tables dropped and not created again (SQLite rebuilds a table to change it: <c>ef_temp_</c> copies, dropped
    /// and renamed back, lose nothing), and columns dropped from tables that stay.
    /// </summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> Losses(string script)
    {
        var dropped = DropTable().Matches(script).Select(m => m.Groups["table"].Value).ToList();
        var created = CreateOrRename().Matches(script).Select(m => m.Groups["table"].Value).ToHashSet(StringComparer.Ordinal);
        var tables = dropped
            .Where(t => !t.StartsWith("ef_temp_", StringComparison.Ordinal) && !created.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Select(t => (t, (IReadOnlyList<string>)[]));
        var columns = DropColumn().Matches(script)
            .GroupBy(m => m.Groups["table"].Value, StringComparer.Ordinal)
            .Where(g => !dropped.Contains(g.Key))
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(m => m.Groups["column"].Value).Distinct(StringComparer.Ordinal)]));
        return [.. tables, .. columns];
    }

    [GeneratedRegex("""DROP TABLE (?:IF EXISTS )?"?(?<table>[A-Za-z0-9_]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex DropTable();

    [GeneratedRegex("""(?:CREATE TABLE (?:IF NOT EXISTS )?|RENAME TO )"?(?<table>[A-Za-z0-9_]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex CreateOrRename();

    [GeneratedRegex("""ALTER TABLE (?:ONLY )?"?(?<table>[A-Za-z0-9_]+)"? DROP COLUMN (?:IF EXISTS )?"?(?<column>[A-Za-z0-9_]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex DropColumn();
}

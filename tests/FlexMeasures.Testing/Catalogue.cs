using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Testing;

/// <summary>Reads the database's own catalogue, independently of the EF model.</summary>
public static class Catalogue
{
    /// <summary>FlexMeasures' table names, which upgrade must create.</summary>
    public static IReadOnlyList<string> FlexMeasuresTables { get; } =
    [
        "account", "account_role", "roles_accounts", "fm_user", "role", "roles_users", "generic_asset_type",
        "generic_asset", "sensor", "data_source", "timed_belief", "latest_task_run", "annotation",
        "annotations_accounts", "annotations_assets", "annotations_sensors", "audit_log", "asset_audit_log", "plan",
    ];

    public static async Task<SortedSet<string>> TablesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var sql = database.Provider == DatabaseProvider.Postgres
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        return new SortedSet<string>(await db.Database.SqlQueryRaw<string>(sql).ToListAsync(), StringComparer.Ordinal);
    }

    /// <summary>Index name -> its columns in order, for one table.</summary>
    public static async Task<Dictionary<string, string>> IndexColumnsAsync(TestDatabase database, string table)
    {
        await using var db = database.CreateContext();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var rows = await db.Database.SqlQuery<IndexRow>(
                $"""
                SELECT i.relname AS "Name", string_agg(a.attname, ',' ORDER BY k.ord) AS "Columns"
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                WHERE t.relname = {table}
                GROUP BY i.relname
                """).ToListAsync();
            return rows.ToDictionary(r => r.Name, r => r.Columns);
        }

        var names = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_index_list({table})").ToListAsync();
        var result = new Dictionary<string, string>();
        foreach (var name in names)
        {
            var columns = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_index_info({name}) ORDER BY seqno").ToListAsync();
            result[name] = string.Join(',', columns);
        }

        return result;
    }

    private sealed record IndexRow(string Name, string Columns);
}

using FlexMeasures.Data.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FlexMeasures.Data.Schema;

/// <summary>
/// Brings the database structure to a revision: the shipped EF Core migrations of the configured provider,
/// plus, on PostgreSQL, the extensions FlexMeasures needs.
/// </summary>
public sealed class SchemaMigrator(IDbContextFactory<FlexMeasuresDbContext> contexts, DatabaseConnection connection)
{
    /// <summary>The revision before the first one: an empty database.</summary>
    public const string Base = "base";

    /// <summary>PostgreSQL extensions FlexMeasures uses for great-circle distances.</summary>
    public static IReadOnlyList<string> PostgresExtensions { get; } = ["cube", "earthdistance"];

    private static readonly Dictionary<string, string> CreateExtensionStatements = new(StringComparer.Ordinal)
    {
        ["cube"] = "CREATE EXTENSION IF NOT EXISTS cube",
        ["earthdistance"] = "CREATE EXTENSION IF NOT EXISTS earthdistance",
    };

    /// <summary>Every known revision and which of them the database has.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        EnsureSqliteFolder();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return new SchemaStatus([.. db.Database.GetMigrations().Select(id => new SchemaRevision(id, applied.Contains(id)))]);
    }

    /// <summary>Applies revisions up to <paramref name="target"/> (default: the latest).</summary>
    /// <exception cref="SchemaException">Unknown or older target, or missing rights to create extensions.</exception>
    public async Task<SchemaStatus> UpgradeAsync(string? target, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(cancellationToken);
        var targetIndex = target is null ? status.Revisions.Count - 1 : IndexOf(status, target);
        var currentIndex = status.Current is null ? -1 : IndexOf(status, status.Current.Id);
        if (targetIndex < currentIndex)
        {
            throw new SchemaException(
                $"Revision {Describe(status, targetIndex)} is older than the current {status.Current!.Id}; use `flexmeasures db downgrade {target}`.");
        }

        if (connection.Provider == DatabaseProvider.Postgres)
        {
            await EnsurePostgresExtensionsAsync(cancellationToken);
        }

        await MigrateToAsync(targetIndex < 0 ? "0" : status.Revisions[targetIndex].Id, cancellationToken);
        return await GetStatusAsync(cancellationToken);
    }

    /// <summary>Reverts revisions down to <paramref name="target"/> (default: one step back).</summary>
    /// <exception cref="SchemaException">Nothing to revert, or an unknown or newer target.</exception>
    public async Task<SchemaStatus> DowngradeAsync(string? target, CancellationToken cancellationToken)
    {
        var (_, targetId) = ResolveDowngrade(await GetStatusAsync(cancellationToken), target);
        await MigrateToAsync(targetId, cancellationToken);
        return await GetStatusAsync(cancellationToken);
    }

    /// <summary>
    /// The data a downgrade to <paramref name="target"/> would destroy: each table it drops, and each table it
    /// drops columns of, with its current row count. Read from the SQL the downgrade would run.
    /// </summary>
    /// <exception cref="SchemaException">Nothing to revert, or an unknown or newer target.</exception>
    public async Task<IReadOnlyList<DataLoss>> PlanDowngradeAsync(string? target, CancellationToken cancellationToken)
    {
        var (currentId, targetId) = ResolveDowngrade(await GetStatusAsync(cancellationToken), target);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var script = db.GetService<IMigrator>().GenerateScript(currentId, targetId);
        var losses = new List<DataLoss>();
        foreach (var (table, columns) in DowngradeScript.Losses(script))
        {
            var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable EF1002 // The table name comes from our own migrations' SQL, quoted; it is not user input.
            var rows = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM {quoted}").SingleAsync(cancellationToken);
#pragma warning restore EF1002
            losses.Add(new DataLoss(table, columns, rows));
        }

        return losses;
    }

    private static (string CurrentId, string TargetId) ResolveDowngrade(SchemaStatus status, string? target)
    {
        if (status.Current is null)
        {
            throw new SchemaException("The database has no revisions applied; there is nothing to downgrade.");
        }

        var currentIndex = IndexOf(status, status.Current.Id);
        var targetIndex = target is null ? currentIndex - 1 : IndexOf(status, target);
        if (targetIndex >= currentIndex)
        {
            throw new SchemaException(
                $"Revision {Describe(status, targetIndex)} is not older than the current {status.Current.Id}; use `flexmeasures db upgrade --to {target}`.");
        }

        return (status.Current.Id, targetIndex < 0 ? "0" : status.Revisions[targetIndex].Id);
    }

    /// <summary>Drops every table in the database and recreates the structure at the latest revision.</summary>
    public async Task<SchemaStatus> ResetAsync(CancellationToken cancellationToken)
    {
        EnsureSqliteFolder();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (connection.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync(
                    """
                    DO $$
                    DECLARE t record;
                    BEGIN
                      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
                        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
                      END LOOP;
                    END $$;
                    """,
                    cancellationToken);
            }
            else
            {
                await DropAllSqliteTablesAsync(db, cancellationToken);
            }
        }

        return await UpgradeAsync(null, cancellationToken);
    }

    /// <summary>
    /// Makes sure the database is at the latest revision before a command uses it: the embedded SQLite
    /// database is created and migrated on first use; a PostgreSQL database must be upgraded on purpose.
    /// </summary>
    /// <exception cref="SchemaException">A PostgreSQL database is behind.</exception>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(cancellationToken);
        if (status.Pending.Count == 0)
        {
            return;
        }

        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            await UpgradeAsync(null, cancellationToken);
            return;
        }

        throw new SchemaException(
            $"The database {connection.Description} is at revision {status.Current?.Id ?? Base}, but this program needs {status.Latest.Id}. Run `flexmeasures db upgrade`.");
    }

    private async Task MigrateToAsync(string migrationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.GetService<IMigrator>().MigrateAsync(migrationId, cancellationToken);
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer (the web host reads while imports write).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private async Task EnsurePostgresExtensionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var installed = await db.Database
            .SqlQueryRaw<string>("SELECT extname AS \"Value\" FROM pg_extension")
            .ToListAsync(cancellationToken);
        foreach (var extension in PostgresExtensions.Where(e => !installed.Contains(e)))
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync(CreateExtensionStatements[extension], cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
                throw new SchemaException(
                    $"User '{builder.Username}' may not create the PostgreSQL extension '{extension}' in database '{builder.Database}'. " +
                    $"Ask a superuser to run:{Environment.NewLine}" +
                    $"  psql -d {builder.Database} -c 'CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance;'{Environment.NewLine}" +
                    "then run `flexmeasures db upgrade` again.");
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported)
            {
                throw new SchemaException(
                    $"The PostgreSQL server has no '{extension}' extension ({e.MessageText}); install the server's contrib modules (Debian: postgresql-contrib).");
            }
        }
    }

    private static async Task DropAllSqliteTablesAsync(FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        await sqlite.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = sqlite.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        await using var drop = sqlite.CreateCommand();
        drop.CommandText = "PRAGMA foreign_keys = OFF; BEGIN; " +
            string.Concat(tables.Select(t => $"DROP TABLE \"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\"; ")) +
            "COMMIT; PRAGMA foreign_keys = ON;";
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static int IndexOf(SchemaStatus status, string revision)
    {
        if (revision.Equals(Base, StringComparison.OrdinalIgnoreCase) || revision == "0")
        {
            return -1;
        }

        if (revision.Equals("head", StringComparison.OrdinalIgnoreCase) || revision.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return status.Revisions.Count - 1;
        }

        var matches = status.Revisions
            .Select((r, i) => (r, i))
            .Where(x => x.r.Id.Equals(revision, StringComparison.OrdinalIgnoreCase)
                || x.r.Name.Equals(revision, StringComparison.OrdinalIgnoreCase)
                || x.r.Id.StartsWith(revision, StringComparison.OrdinalIgnoreCase)
                || x.r.Name.StartsWith(revision, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches.Count == 1
            ? matches[0].i
            : throw new SchemaException(
                $"Unknown revision '{revision}'. Known revisions: {Base}, {string.Join(", ", status.Revisions.Select(r => r.Id))}.");
    }

    private static string Describe(SchemaStatus status, int index) => index < 0 ? Base : status.Revisions[index].Id;

    private void EnsureSqliteFolder()
    {
        if (connection.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}

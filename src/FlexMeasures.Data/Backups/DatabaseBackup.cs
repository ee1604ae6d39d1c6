using System.Globalization;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexMeasures.Data.Backups;

/// <summary>
/// Data backups: on PostgreSQL a data-only, custom-format <c>pg_dump</c> that restores into a freshly
/// upgraded database (also one made by FlexMeasures); on SQLite a consistent online copy of the file.
/// </summary>
public sealed class DatabaseBackup(DatabaseConnection connection, SchemaMigrator migrator, TimeProvider clock)
{
    /// <summary>
    /// Writes a backup into <paramref name="folder"/> (default: the working directory), named
    /// <c>pgbackup_&lt;db&gt;_&lt;YYYY-MM-DD-HHMM&gt;.dump</c> (PostgreSQL) or
    /// <c>sqlitebackup_&lt;db&gt;_&lt;YYYY-MM-DD-HHMM&gt;.db</c> (SQLite), and returns its path.
    /// </summary>
    public async Task<string> DumpAsync(string? folder, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(string.IsNullOrEmpty(folder) ? "." : folder);
        Directory.CreateDirectory(folder);
        var stamp = clock.GetUtcNow().ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(folder, $"sqlitebackup_{connection.DatabaseName}_{stamp}.db");
            await using var source = new SqliteConnection(connection.ConnectionString);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
            return file;
        }

        var dump = Path.Combine(folder, $"pgbackup_{connection.DatabaseName}_{stamp}.dump");
        var result = await ExternalProgram.RunAsync(
            "pg_dump",
            [
                "--data-only", "--format=custom", "--no-owner", "--file", dump,

                // Revision bookkeeping belongs to the target database, which is upgraded before a restore.
                "--exclude-table-data=\"__EFMigrationsHistory\"",
            ],
            PostgresEnvironment(),
            null,
            "postgresql-client",
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new BackupException($"pg_dump failed (exit code {result.ExitCode}): {result.StandardError.Trim()}");
        }

        return dump;
    }

    /// <summary>
    /// Replaces all data with the backup in <paramref name="file"/>: checks the file first, then empties the
    /// database, brings it to the latest revision and loads the data (on PostgreSQL in one transaction).
    /// </summary>
    /// <exception cref="BackupException">The file is missing or not a backup of the right kind, or loading failed.</exception>
    public async Task RestoreAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new BackupException($"Backup file '{file}' does not exist.");
        }

        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            await RestoreSqliteAsync(file, cancellationToken);
            return;
        }

        var list = await ExternalProgram.RunAsync(
            "pg_restore", ["--list", file], null, null, "postgresql-client", cancellationToken);
        if (list.ExitCode != 0)
        {
            throw new BackupException($"'{file}' is not a pg_dump custom-format archive: {list.StandardError.Trim()}");
        }

        await migrator.ResetAsync(cancellationToken);
        var result = await ExternalProgram.RunAsync(
            "pg_restore",
            ["--data-only", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname", Database(), file],
            PostgresEnvironment(),
            null,
            "postgresql-client",
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new BackupException(
                $"pg_restore failed (exit code {result.ExitCode}); the database is empty at the latest revision: {result.StandardError.Trim()}");
        }
    }

    private async Task RestoreSqliteAsync(string file, CancellationToken cancellationToken)
    {
        await using (var probe = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            try
            {
                await probe.OpenAsync(cancellationToken);
                await using var command = probe.CreateCommand();
                command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    throw new BackupException($"'{file}' is a SQLite file, but not a FlexMeasures database backup.");
                }
            }
            catch (SqliteException e)
            {
                throw new BackupException($"'{file}' is not a SQLite database backup ({e.Message}).");
            }
        }

        await using (var source = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(connection.ConnectionString))
        {
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }

        await migrator.UpgradeAsync(null, cancellationToken);
    }

    private string Database() => new NpgsqlConnectionStringBuilder(connection.ConnectionString).Database ?? "postgres";

    private Dictionary<string, string> PostgresEnvironment()
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host ?? "localhost",
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = Database(),

            // Timestamps travel as UTC text, whatever the server's timezone setting.
            ["PGTZ"] = "UTC",
        };
        if (builder.Username is { } user)
        {
            environment["PGUSER"] = user;
        }

        if (builder.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        return environment;
    }
}

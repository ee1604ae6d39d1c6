using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlexMeasures.Testing;

/// <summary>
/// A database of its own for one test: a temporary SQLite file, or a new PostgreSQL database made from the
/// test template. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresName;
    private readonly ServiceProvider _services;

    private TestDatabase(DatabaseProvider provider, string url, string? sqliteFolder, string? postgresName)
    {
        Provider = provider;
        Url = url;
        _sqliteFolder = sqliteFolder;
        _postgresName = postgresName;
        Environment = new Dictionary<string, string?> { ["FLEXMEASURES_DATABASE_URL"] = url };
        Configuration = FlexMeasuresConfiguration.Build(Environment);
        _services = new ServiceCollection().AddLogging().AddFlexMeasuresData(Configuration).BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The value for <c>FLEXMEASURES_DATABASE_URL</c>.</summary>
    public string Url { get; }

    /// <summary>Environment variables that point the platform at this database.</summary>
    public Dictionary<string, string?> Environment { get; }

    public IConfiguration Configuration { get; }

    public IServiceProvider Services => _services;

    public DatabaseConnection Connection => _services.GetRequiredService<DatabaseConnection>();

    /// <summary>The PostgreSQL database name, or the SQLite file path.</summary>
    public string Name => _postgresName ?? new SqliteConnectionStringBuilder(Connection.ConnectionString).DataSource;

    public SchemaMigrator Migrator => _services.GetRequiredService<SchemaMigrator>();

    /// <summary>An empty database with nothing migrated.</summary>
    /// <param name="provider">Which engine.</param>
    /// <param name="postgresTimezone">A <c>timezone</c> setting for the new PostgreSQL database.</param>
    /// <param name="withExtensions">False: a PostgreSQL database without cube and earthdistance, which the test role cannot add.</param>
    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider, string? postgresTimezone = null, bool withExtensions = true)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("fm-test-").FullName;
            return new TestDatabase(provider, $"sqlite:///{Path.Combine(folder, "flexmeasures.db")}", folder, null);
        }

        var name = $"fm_test_{Guid.NewGuid():N}";
        await using (var admin = await TestServices.OpenPostgresAdminAsync())
        {
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{(withExtensions ? TestServices.PostgresTemplate : "template0")}\"";
            await create.ExecuteNonQueryAsync();
            if (postgresTimezone is not null)
            {
                await using var zone = admin.CreateCommand();
                zone.CommandText = $"ALTER DATABASE \"{name}\" SET timezone TO '{postgresTimezone}'";
                await zone.ExecuteNonQueryAsync();
            }
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdminConnectionString) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, name);
    }

    /// <summary>A database at the latest revision, through the shipped migrations.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await database.Migrator.UpgradeAsync(null, CancellationToken.None);
        return database;
    }

    /// <summary>The PostgreSQL database at this connection string (a private server's), migrated; left in place on dispose.</summary>
    public static async Task<TestDatabase> MigratedAtAsync(string postgresConnectionString)
    {
        var database = new TestDatabase(DatabaseProvider.Postgres, postgresConnectionString, null, null);
        await database.Migrator.UpgradeAsync(null, CancellationToken.None);
        return database;
    }

    /// <summary>The connection string a copy named <paramref name="name"/> (see <see cref="CopyAsync"/>) will have.</summary>
    public static string PostgresConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(TestServices.PostgresAdminConnectionString) { Database = name }.ConnectionString;

    /// <summary>
    /// A new PostgreSQL database named <paramref name="name"/> holding this one's data as it is now (e.g. a replica
    /// that lags behind); dropped on dispose. Pooled sessions of this process are closed first: PostgreSQL copies
    /// only a database nobody is connected to.
    /// </summary>
    public async Task<TestDatabase> CopyAsync(string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var admin = await TestServices.OpenPostgresAdminAsync();
                await using var copy = admin.CreateCommand();
                copy.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{_postgresName}\"";
                await copy.ExecuteNonQueryAsync();
                return new TestDatabase(DatabaseProvider.Postgres, PostgresConnectionString(name), null, name);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    public FlexMeasuresDbContext CreateContext() =>
        _services.GetRequiredService<IDbContextFactory<FlexMeasuresDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await DropPostgresDatabaseAsync(_postgresName);
        }
    }

    /// <summary>
    /// Drops the test database. An autovacuum worker may still be connected, which our role may not end, so
    /// this retries for a while; a database that outlives that is left for scripts/services.sh to clean up.
    /// </summary>
    private static async Task DropPostgresDatabaseAsync(string name)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                await using var admin = await TestServices.OpenPostgresAdminAsync();
                await using var drop = admin.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(250);
            }
        }
    }
}

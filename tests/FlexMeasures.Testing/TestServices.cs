using Npgsql;

namespace FlexMeasures.Testing;

/// <summary>Where the real test services are (started by scripts/services.sh).</summary>
public static class TestServices
{
    /// <summary>Connection string of the conventional test database; the role may create databases.</summary>
    public static string PostgresAdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("FLEXMEASURES_TEST_PG") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=flexmeasures_test;Password=flexmeasures_test;Database=flexmeasures_test";

    /// <summary>A template database with the cube and earthdistance extensions (only a superuser may create earthdistance).</summary>
    public static string PostgresTemplate { get; } =
        Environment.GetEnvironmentVariable("FLEXMEASURES_TEST_PG_TEMPLATE") is { Length: > 0 } value ? value : "flexmeasures_test_template";

    /// <summary>A role without rights to create extensions or databases.</summary>
    public static (string User, string Password) PostgresUnprivilegedRole { get; } = ("flexmeasures_nopriv", "flexmeasures_nopriv");

    /// <summary>Opens a connection to the conventional test database, failing with a hint when PostgreSQL is not running.</summary>
    public static async Task<NpgsqlConnection> OpenPostgresAdminAsync(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                "PostgreSQL tests need the test server: run scripts/services.sh (scripts/test.sh does) or set FLEXMEASURES_TEST_PG.", e);
        }

        return connection;
    }
}

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

    /// <summary>The test Redis as host:port (from <c>FLEXMEASURES_TEST_REDIS</c>; default 127.0.0.1:6379).</summary>
    public static string Redis { get; } =
        Environment.GetEnvironmentVariable("FLEXMEASURES_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    /// <summary>
    /// Environment variables that put the job queue on the test Redis under a key prefix of its own, so tests
    /// sharing the server never see each other's jobs. Fails (never skips) when Redis does not answer.
    /// </summary>
    public static async Task<Dictionary<string, string?>> RedisEnvironmentAsync()
    {
        var colon = Redis.LastIndexOf(':');
        var (host, port) = colon > 0 ? (Redis[..colon], int.Parse(Redis[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)) : (Redis, 6379);
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(host, port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            if (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Redis at {Redis} did not answer PING with PONG.");
            }
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException(
                $"Job queue tests need the test Redis at {Redis}: run scripts/services.sh (scripts/test.sh does) or set FLEXMEASURES_TEST_REDIS.", e);
        }

        return new Dictionary<string, string?>
        {
            ["FLEXMEASURES_REDIS_URL"] = Redis,
            ["Redis__Prefix"] = $"{{fm-test-{Guid.NewGuid():N}}}:",
        };
    }

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

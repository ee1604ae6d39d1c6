using Npgsql;

namespace FlexMeasures.Testing;

/// <summary>
/// A PostgreSQL 15 cluster of one test's own, on a loopback port of its own, that the test may stop and start (an
/// outage) without touching the shared test server. Its data lives in a temporary folder removed on dispose. As root
/// (CI) the server runs as the <c>postgres</c> user, as scripts/lib/private-postgres.sh does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string ServerUser = "postgres";
    private readonly string _folder;

    private PrivatePostgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string of database <c>fm</c> (superuser, so migrations may add extensions).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServerUser,
        Database = "fm",
        Timeout = 3,
    }.ConnectionString;

    private string DataFolder => Path.Combine(_folder, "pgdata");

    /// <summary>Makes the cluster, starts it and creates database <c>fm</c>.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("fm-private-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await PrivateProcesses.RunAsync("chown", [ServerUser, folder]);
        }

        var server = new PrivatePostgres(folder, PrivateProcesses.FreePort());
        await PrivateProcesses.RunAsync($"{Bin}/initdb", ["-D", server.DataFolder, "-U", ServerUser, "--auth=trust", "-E", "UTF8"], ServerUser);
        await server.StartServerAsync();
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE DATABASE fm";
        await create.ExecuteNonQueryAsync();
        return server;
    }

    /// <summary>Starts the stopped server (waits until it takes connections).</summary>
    public Task StartServerAsync() =>
        PrivateProcesses.RunAsync(
            $"{Bin}/pg_ctl",
            ["-D", DataFolder, "-l", Path.Combine(_folder, "pg.log"), "-w", "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_folder}", "start"],
            ServerUser);

    /// <summary>Stops the server as an operator's restart does: open connections are cut.</summary>
    public Task StopServerAsync() =>
        PrivateProcesses.RunAsync($"{Bin}/pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], ServerUser);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }
}

using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexMeasures.Data.Database;

/// <summary>A resolved database location: which provider, and the connection string to reach it.</summary>
/// <param name="Provider">The engine.</param>
/// <param name="ConnectionString">Provider-specific; may hold a password, so never log it.</param>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default: a SQLite file in the working directory.</summary>
    public const string DefaultSqliteFile = "flexmeasures.db";

    /// <summary>Says where the data is without revealing a password, e.g. <c>PostgreSQL flexmeasures@127.0.0.1:5432/fm</c>.</summary>
    public string Description => Provider switch
    {
        DatabaseProvider.Postgres => DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString)),
        _ => $"SQLite {Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource)}",
    };

    /// <summary>The database name (PostgreSQL) or file name without extension (SQLite).</summary>
    public string DatabaseName => Provider switch
    {
        DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "postgres",
        _ => Path.GetFileNameWithoutExtension(new SqliteConnectionStringBuilder(ConnectionString).DataSource),
    };

    /// <summary>
    /// Reads a database URL the way FlexMeasures users write it.
    /// </summary>
    /// <exception cref="ConfigurationException">The value is none of the accepted forms.</exception>
    public static DatabaseConnection Parse(string? url, string settingName = "FLEXMEASURES_DATABASE_URL")
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Sqlite(DefaultSqliteFile);
        }

        url = url.Trim();
        if (url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = url["sqlite:".Length..];
            path = path.StartsWith("///", StringComparison.Ordinal) ? path[3..] : path.TrimStart('/');
            if (path.Length == 0)
            {
                throw new ConfigurationException(settingName, "a sqlite URL needs a file path, e.g. sqlite:///data/flexmeasures.db");
            }

            return Sqlite(path);
        }

        if (url.Contains("://", StringComparison.Ordinal))
        {
            return Postgres(FromPostgresUrl(url, settingName));
        }

        if (url.Contains('=', StringComparison.Ordinal))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(url);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(settingName, $"not a valid Npgsql connection string ({e.Message})");
            }

            return Postgres(builder);
        }

        throw new ConfigurationException(
            settingName,
            "expected postgresql://user:password@host:port/db, an Npgsql connection string (Host=…;Database=…) or sqlite:///path");
    }

    /// <summary>
    /// Reads the optional replica URL (<c>FLEXMEASURES_DATABASE_READ_URL</c>) beside the primary: null when none is
    /// set. A replica is a PostgreSQL streaming standby, so both must be PostgreSQL.
    /// </summary>
    /// <exception cref="ConfigurationException">The value is unusable, names SQLite, or the primary is SQLite.</exception>
    public static DatabaseConnection? ParseReplica(string? readUrl, DatabaseConnection primary, string settingName = "FLEXMEASURES_DATABASE_READ_URL")
    {
        ArgumentNullException.ThrowIfNull(primary);
        if (string.IsNullOrWhiteSpace(readUrl))
        {
            return null;
        }

        var replica = Parse(readUrl, settingName);
        if (replica.Provider != DatabaseProvider.Postgres)
        {
            throw new ConfigurationException(settingName, "a read replica must be a PostgreSQL streaming replica (postgresql://…), not SQLite");
        }

        if (primary.Provider != DatabaseProvider.Postgres)
        {
            throw new ConfigurationException(
                settingName, "a read replica needs a PostgreSQL primary, but FLEXMEASURES_DATABASE_URL is the SQLite database; unset the read URL or move to PostgreSQL");
        }

        return replica;
    }

    private static DatabaseConnection Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 };
        return new DatabaseConnection(DatabaseProvider.Sqlite, builder.ToString());
    }

    private static DatabaseConnection Postgres(NpgsqlConnectionStringBuilder builder)
    {
        // Every instant is UTC inside the platform, whatever the server's or database's timezone setting.
        builder.Timezone = "UTC";
        return new DatabaseConnection(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    private static NpgsqlConnectionStringBuilder FromPostgresUrl(string url, string settingName)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ConfigurationException(settingName, "not a valid URL");
        }

        var scheme = uri.Scheme.Split('+')[0];
        if (scheme is not ("postgresql" or "postgres"))
        {
            throw new ConfigurationException(settingName, $"unsupported scheme '{uri.Scheme}'; use postgresql:// or sqlite:///");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ConfigurationException(settingName, "the URL names no database (…/dbname)");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
            }
            catch (ArgumentException)
            {
                throw new ConfigurationException(settingName, $"unknown URL parameter '{key}'");
            }
        }

        return builder;
    }

    private static string DescribePostgres(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
}

using FlexMeasures.Data.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexMeasures.Data.Tests.Database;

public sealed class DatabaseConnectionTests
{
    [Fact]
    public void Parse_IsEmbeddedSqliteFile_WhenNoUrlIsConfigured()
    {
        var connection = DatabaseConnection.Parse(null);

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        Assert.Equal("flexmeasures.db", new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource);
    }

    [Theory]
    [InlineData("sqlite:///data/fm.db", "data/fm.db")]
    [InlineData("sqlite:////var/lib/fm.db", "/var/lib/fm.db")]
    public void Parse_ReadsSqliteUrls(string url, string expectedPath)
    {
        var connection = DatabaseConnection.Parse(url);

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        Assert.Equal(expectedPath, new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource);
    }

    [Theory]
    [InlineData("postgresql://fm:s%40cret@db.example.org:6543/flexmeasures", "db.example.org", 6543, "fm", "s@cret", "flexmeasures")]
    [InlineData("postgres://fm@localhost/fm_db", "localhost", 5432, "fm", null, "fm_db")]
    [InlineData("postgresql+psycopg2://u:p@127.0.0.1:5433/x", "127.0.0.1", 5433, "u", "p", "x")]
    [InlineData("Host=10.0.0.5;Port=5434;Username=a;Password=b;Database=c", "10.0.0.5", 5434, "a", "b", "c")]
    public void Parse_ReadsPostgresUrlsAndConnectionStrings(
        string url, string host, int port, string user, string? password, string database)
    {
        var connection = DatabaseConnection.Parse(url);
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);

        Assert.Equal(DatabaseProvider.Postgres, connection.Provider);
        Assert.Equal((host, port, user, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal("UTC", builder.Timezone);
    }

    [Fact]
    public void Description_NeverShowsThePassword()
    {
        var connection = DatabaseConnection.Parse("postgresql://fm:topsecret@db:5432/fm");

        Assert.Equal("PostgreSQL fm@db:5432/fm", connection.Description);
        Assert.DoesNotContain("topsecret", connection.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:p@h/db", "unsupported scheme 'mysql'")]
    [InlineData("postgresql://u:p@h:5432", "names no database")]
    [InlineData("postgresql://u:p@h/db?nonsense=1", "unknown URL parameter 'nonsense'")]
    [InlineData("just words", "expected postgresql://")]
    [InlineData("sqlite:///", "needs a file path")]
    public void Parse_RejectsUnusableValues_NamingTheSetting(string url, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseConnection.Parse(url));

        Assert.StartsWith("Configuration FLEXMEASURES_DATABASE_URL:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseReplica_IsNull_WhenNoReadUrlIsConfigured()
    {
        var primary = DatabaseConnection.Parse("postgresql://fm@db:5432/fm");

        Assert.Null(DatabaseConnection.ParseReplica(null, primary));
        Assert.Null(DatabaseConnection.ParseReplica("  ", primary));
    }

    [Fact]
    public void ParseReplica_ReadsThePostgresUrl_WhenThePrimaryIsPostgres()
    {
        var replica = DatabaseConnection.ParseReplica("postgresql://reader:pw@standby:5433/fm", DatabaseConnection.Parse("postgresql://fm@db:5432/fm"));

        Assert.NotNull(replica);
        Assert.Equal("PostgreSQL reader@standby:5433/fm", replica.Description);
        Assert.Equal("UTC", new NpgsqlConnectionStringBuilder(replica.ConnectionString).Timezone);
    }

    [Theory]
    [InlineData("postgresql://fm@db/fm", "sqlite:///replica.db", "must be a PostgreSQL streaming replica")]
    [InlineData("sqlite:///fm.db", "postgresql://fm@standby/fm", "needs a PostgreSQL primary")]
    [InlineData(null, "postgresql://fm@standby/fm", "needs a PostgreSQL primary")]
    [InlineData("postgresql://fm@db/fm", "mysql://u@h/db", "unsupported scheme 'mysql'")]
    [InlineData("postgresql://fm@db/fm", "postgresql://u@standby:5433", "names no database")]
    public void ParseReplica_Refuses_NamingTheReadSetting(string? primaryUrl, string readUrl, string problem)
    {
        var primary = DatabaseConnection.Parse(primaryUrl);

        var error = Assert.Throws<ConfigurationException>(() => DatabaseConnection.ParseReplica(readUrl, primary));

        Assert.StartsWith("Configuration FLEXMEASURES_DATABASE_READ_URL:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}

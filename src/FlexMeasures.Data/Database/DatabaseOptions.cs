namespace FlexMeasures.Data.Database;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Where the data lives: <c>postgresql://user:password@host:port/db</c>, a plain Npgsql connection
    /// string, or <c>sqlite:///path/to/file.db</c>. Empty means the embedded default, <c>flexmeasures.db</c>
    /// in the working directory. Environment: <c>FLEXMEASURES_DATABASE_URL</c> or <c>SQLALCHEMY_DATABASE_URI</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// Optional PostgreSQL streaming replica for the reads that may lag (<see cref="LaggingReads"/>), in the forms
    /// <see cref="Url"/> accepts. Empty: every read goes to <see cref="Url"/>. Environment:
    /// <c>FLEXMEASURES_DATABASE_READ_URL</c>.
    /// </summary>
    public string? ReadUrl { get; set; }
}

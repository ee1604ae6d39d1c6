namespace FlexMeasures.Data.Database;

/// <summary>The database engines the platform runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded database file: the zero-setup default.</summary>
    Sqlite,

    /// <summary>The production database.</summary>
    Postgres,
}

namespace FlexMeasures.Data.Database;

internal static class DatabaseProviders
{
    public static DatabaseProvider FromEfProviderName(string? providerName) => providerName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        _ => throw new NotSupportedException($"Database provider '{providerName}' is not supported."),
    };
}

using FlexMeasures.Data.Database;

namespace FlexMeasures.Api.Tests;

/// <summary>Theory rows crossed with both database providers: every database test runs on SQLite and PostgreSQL.</summary>
internal static class ProviderCases
{
    public static IEnumerable<object[]> Cross(params object[][] rows) =>
        from provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres }
        from row in rows
        select (object[])[provider, .. row];
}

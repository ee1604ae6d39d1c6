using System.Reflection;
using FlexMeasures.Data.Database;
using Xunit.Sdk;

namespace FlexMeasures.Testing;

/// <summary>Runs a theory once per database provider: every database test runs on SQLite and PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [DatabaseProvider.Sqlite],
        [DatabaseProvider.Postgres],
    ];
}

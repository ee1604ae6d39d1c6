using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlexMeasures.Data.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running server.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<FlexMeasuresDbContext>
{
    public FlexMeasuresDbContext CreateDbContext(string[] args)
    {
        var connection = DatabaseConnection.Parse("Host=localhost;Database=flexmeasures_design");
        var builder = new DbContextOptionsBuilder<FlexMeasuresDbContext>();
        DataServiceCollectionExtensions.UseDatabase(builder, connection);
        return new FlexMeasuresDbContext(builder.Options);
    }
}

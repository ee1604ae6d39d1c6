using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlexMeasures.Data.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<FlexMeasuresDbContext>
{
    public FlexMeasuresDbContext CreateDbContext(string[] args)
    {
        var connection = DatabaseConnection.Parse("sqlite:///flexmeasures_design.db");
        var builder = new DbContextOptionsBuilder<FlexMeasuresDbContext>();
        DataServiceCollectionExtensions.UseDatabase(builder, connection);
        return new FlexMeasuresDbContext(builder.Options);
    }
}

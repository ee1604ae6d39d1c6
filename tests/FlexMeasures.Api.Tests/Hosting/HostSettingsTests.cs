using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>The causes of the warnings every start used to print, removed.</summary>
public sealed class HostSettingsTests
{
    [Theory]
    [BothProviders]
    public async Task Host_SaysHowToSplitQueries_AndKeepsDataProtectionKeysInMemory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var app = FlexMeasuresApiHost.Build(database.Configuration, ["http://127.0.0.1:0"]);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FlexMeasuresDbContext>>().CreateDbContextAsync();

        // Without a set behaviour EF warns about QuerySplittingBehavior; without key storage DataProtection warns.
        var relational = db.GetService<IDbContextOptions>().Extensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension>().Single();
        Assert.Equal(QuerySplittingBehavior.SingleQuery, relational.QuerySplittingBehavior);
        Assert.IsType<EphemeralDataProtectionProvider>(app.Services.GetRequiredService<IDataProtectionProvider>());
    }
}

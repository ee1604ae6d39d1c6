using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Configuration;
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

    /// <summary>A zero limit would refuse every read or, for the login counts, fail every login after a failure with 500.</summary>
    [Theory]
    [InlineData("FLEXMEASURES_MAX_VALUES_PER_RESPONSE", "0", "Configuration FLEXMEASURES_MAX_VALUES_PER_RESPONSE: '0' must be a number of values, at least 1.")]
    [InlineData("Api__LoginMaxFailuresPerAccount", "0", "Configuration Api__LoginMaxFailuresPerAccount: '0' must be a number of failed logins, at least 1.")]
    [InlineData("Api__LoginMaxFailuresPerAddress", "-5", "Configuration Api__LoginMaxFailuresPerAddress: '-5' must be a number of failed logins, at least 1.")]
    [InlineData("Api__LoginWindowSeconds", "0", "Configuration Api__LoginWindowSeconds: '0' must be a number of seconds, at least 1.")]
    public void Build_RefusesNamingTheVariable_WhenALimitIsNotPositive(string variable, string value, string expected)
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"fm-never-created-{Guid.NewGuid():N}.db")}",
            [variable] = value,
        });

        var refused = Assert.Throws<ConfigurationException>(() => FlexMeasuresApiHost.Build(configuration, ["http://127.0.0.1:0"]));

        Assert.Equal(expected, refused.Message);
    }
}

using System.Text.Json.Nodes;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Administration;

/// <summary>The data services write one audit entry per change for the command line too (no logged-in user).</summary>
public sealed class AuditTrailTests
{
    [Theory]
    [BothProviders]
    public async Task DataServices_WriteOneEntryPerChange_AsTheCommandLine(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var ids = new Dictionary<string, int>();
        var steps = new List<(string Change, Func<IServiceProvider, Task> Run)>
        {
            ("add account", async s => ids["account"] = (await s.GetRequiredService<AccountService>().CreateAsync("Audited", [], null, actor: null, CancellationToken.None)).Id),
            ("edit account", s => s.GetRequiredService<AccountService>().UpdateAsync(ids["account"], new AccountChanges(PrimaryColor: new("#123456")), actor: null, CancellationToken.None)),
            ("account attribute", s => s.GetRequiredService<AttributeEditor>().SetAsync(AttributeTarget.Account, ids["account"], "k", JsonValue.Create(1), CancellationToken.None)),
            ("add user", async s => ids["user"] = (await s.GetRequiredService<UserService>().CreateAsync(new NewUser("ann", "ann@example.org", ids["account"], "long enough password", []), CancellationToken.None)).Id),
            ("edit user", s => s.GetRequiredService<UserService>().UpdateAsync(ids["user"], new UserChanges(Active: false), actor: null, CancellationToken.None)),
            ("set password", s => s.GetRequiredService<UserService>().SetPasswordAsync("ann@example.org", "another long password", CancellationToken.None)),
            ("add asset type", async s => ids["type"] = (await s.GetRequiredService<AssetService>().CreateTypeAsync("audited type", null, CancellationToken.None)).Id),
            ("add asset", async s => ids["asset"] = (await s.GetRequiredService<AssetService>().CreateAsync(new NewAsset("home battery", ids["type"], ids["account"]), CancellationToken.None)).Id),
            ("asset attribute", s => s.GetRequiredService<AttributeEditor>().SetAsync(AttributeTarget.Asset, ids["asset"], "k", JsonValue.Create(2), CancellationToken.None)),
            ("add sensor", async s => ids["sensor"] = (await s.GetRequiredService<SensorService>().CreateAsync(new NewSensor("power", "kW", "PT15M", "Europe/Amsterdam", ids["asset"]), CancellationToken.None)).Id),
            ("sensor attribute", s => s.GetRequiredService<AttributeEditor>().SetAsync(AttributeTarget.Sensor, ids["sensor"], "k", JsonValue.Create(3), CancellationToken.None)),
            ("delete user", s => s.GetRequiredService<UserService>().DeleteAsync("ann@example.org", CancellationToken.None)),
            ("delete structure", s => s.GetRequiredService<DataDeletion>().DeleteStructureAsync(CancellationToken.None)),
        };

        foreach (var (change, run) in steps)
        {
            var before = await CountAsync(database);
            using (var scope = database.Services.CreateScope())
            {
                await run(scope.ServiceProvider);
            }

            var expected = change == "add asset type" ? before : before + 1;
            Assert.True(expected == await CountAsync(database), $"{change}: {await CountAsync(database) - before} entries");
        }

        await using var db = database.CreateContext();
        Assert.All(await db.AuditLogs.Select(l => l.ActiveUserName).ToListAsync(), name => Assert.Equal("command line", name));
        Assert.All(await db.AssetAuditLogs.Select(l => l.ActiveUserName).ToListAsync(), name => Assert.Equal("command line", name));
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.AuditLogs.CountAsync() + await db.AssetAuditLogs.CountAsync();
    }
}

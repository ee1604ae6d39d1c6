using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Access;

/// <summary>
/// The queryable forms of <see cref="AccessPolicy"/>, run by EF Core on each provider, select exactly the accounts,
/// assets, sensors, users and data sources the per-object rules let each role read.
/// </summary>
public sealed class AccessPolicyQueryTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    /// <summary>admin, admin-reader, account-admin, consultant (of the supplier), plain user, users of another account.</summary>
    public static IEnumerable<object[]> Roles() => ProviderCases.Cross(
        ["admin"], ["admin-reader"], ["supplier-admin"], ["consultant"], ["supplier"], ["other"], ["other-admin"]);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ReadableForms_SelectWhatThePerObjectRulesAllow_ForEachRole(DatabaseProvider provider, string role)
    {
        var world = await worlds.GetAsync(provider);
        await using var db = world.Database.CreateContext();
        await EnsurePublicSourceAsync(db);
        var user = await ApiUserAsync(db, world.Users[role].Id);

        var accounts = await db.Accounts.AsNoTracking().ToListAsync();
        Same(
            accounts.Where(a => AccessPolicy.MayAccessAccount(user, new Owner(a.Id, a.ConsultancyAccountId), Permission.Read)).Select(a => a.Id),
            await db.Accounts.Where(AccessPolicy.ReadableAccounts(user)).Select(a => a.Id).ToListAsync());

        var assets = await db.GenericAssets.AsNoTracking().Select(a => new { a.Id, a.AccountId, Consultancy = a.Account == null ? null : a.Account.ConsultancyAccountId }).ToListAsync();
        Same(
            assets.Where(a => AccessPolicy.MayAccessAsset(user, new Owner(a.AccountId, a.Consultancy), Permission.Read)).Select(a => a.Id),
            await db.GenericAssets.Where(AccessPolicy.ReadableAssets(user)).Select(a => a.Id).ToListAsync());
        Assert.Contains(world.PublicAsset.Id, await db.GenericAssets.Where(AccessPolicy.ReadableAssets(user)).Select(a => a.Id).ToListAsync());

        var sensors = await db.Sensors.AsNoTracking()
            .Select(s => new { s.Id, s.GenericAsset!.AccountId, Consultancy = s.GenericAsset.Account == null ? null : s.GenericAsset.Account.ConsultancyAccountId }).ToListAsync();
        Same(
            sensors.Where(s => AccessPolicy.MayAccessSensor(user, new Owner(s.AccountId, s.Consultancy), Permission.Read)).Select(s => s.Id),
            await db.Sensors.Where(AccessPolicy.ReadableSensors(user)).Select(s => s.Id).ToListAsync());

        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.AccountId, u.Account!.ConsultancyAccountId }).ToListAsync();
        Same(
            users.Where(u => AccessPolicy.MayAccessUser(user, u.Id, new Owner(u.AccountId, u.ConsultancyAccountId), Permission.Read)).Select(u => u.Id),
            await db.Users.Where(AccessPolicy.ReadableUsers(user)).Select(u => u.Id).ToListAsync());

        var sources = await db.DataSources.AsNoTracking().ToListAsync();
        Same(
            sources.Where(s => AccessPolicy.MayReadSource(user, s.AccountId)).Select(s => s.Id),
            await db.DataSources.Where(AccessPolicy.ReadableSources(user)).Select(s => s.Id).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ReadableAssets_LeaveOutOtherAccounts_UnlessTheRoleReadsEverything(DatabaseProvider provider, string role)
    {
        var world = await worlds.GetAsync(provider);
        await using var db = world.Database.CreateContext();
        var readable = await db.GenericAssets.Where(AccessPolicy.ReadableAssets(await ApiUserAsync(db, world.Users[role].Id))).Select(a => a.Id).ToListAsync();

        var readsEverything = role is "admin" or "admin-reader";
        var isOther = role is "other" or "other-admin";
        Assert.Equal(readsEverything || !isOther, readable.Contains(world.SupplierAsset.Id));
        Assert.Equal(readsEverything || isOther, readable.Contains(world.OtherAsset.Id));
    }

    private static void Same(IEnumerable<int> expected, IEnumerable<int> actual)
    {
        var wanted = expected.Order().ToList();
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted, actual.Order().ToList());
    }

    /// <summary>The user as token authentication makes it (roles, account roles, the account's consultancy).</summary>
    private static async Task<ApiUser> ApiUserAsync(FlexMeasuresDbContext db, int id)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new
        {
            u.Id,
            u.Email,
            u.AccountId,
            u.Account!.ConsultancyAccountId,
            Roles = u.Roles.Select(r => r.Name).ToList(),
            AccountRoles = u.Account.AccountRoles.Select(r => r.Name).ToList(),
        }).SingleAsync();
        return new ApiUser(user.Id, user.Email, user.AccountId, user.ConsultancyAccountId, user.Roles.ToHashSet(), user.AccountRoles.ToHashSet());
    }

    /// <summary>A data source of no account (a market), which every role reads.</summary>
    private static async Task EnsurePublicSourceAsync(FlexMeasuresDbContext db)
    {
        if (!await db.DataSources.AnyAsync(s => s.AccountId == null))
        {
            db.DataSources.Add(new DataSource { Name = "day-ahead market", Type = "market" });
            await db.SaveChangesAsync();
        }
    }
}

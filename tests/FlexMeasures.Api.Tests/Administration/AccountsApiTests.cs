using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Administration;

/// <summary>POST and PATCH of accounts: FlexMeasures' fields, checks and permissions, one audit entry per change.</summary>
public sealed class AccountsApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task CreateAccount_Is201AndWritesOneAuditEntry_WhenAnAdminPosts(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var before = await AuditCountAsync(world);

        var (status, body) = await world.AsAsync("admin", HttpMethod.Post, "/api/v3_0/accounts", new JsonObject { ["name"] = "New Customer" });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body!["id"]!.GetValue<int>();
        Assert.Equal("New Customer", body["name"]!.GetValue<string>());
        Assert.Null(body["consultancy_account_id"]);
        await using var db = world.Database.CreateContext();
        Assert.True(await db.Accounts.AnyAsync(a => a.Id == id && a.Name == "New Customer"));
        var entry = Assert.Single(await db.AuditLogs.Where(l => l.AffectedAccountId == id).ToListAsync());
        Assert.Equal(world.Users["admin"].Id, entry.ActiveUserId);
        Assert.Equal(before + 1, await AuditCountAsync(world));
    }

    public static IEnumerable<object[]> BadNewAccounts() => ProviderCases.Cross(
        ["{}", "name"],
        ["{\"name\": \"   \"}", "name"],
        ["{\"name\": \"Supplier\"}", "name"],
        ["{\"name\": 5}", "name"],
        ["{\"name\": \"Fresh\", \"consultancy_account_id\": 999999}", "consultancy_account_id"],
        ["{\"name\": \"Fresh\", \"consultancy_account_id\": \"two\"}", "consultancy_account_id"],
        ["{\"name\": \"Fresh\", \"primary_color\": \"#000000\"}", "primary_color"]);

    [Theory]
    [MemberData(nameof(BadNewAccounts))]
    public async Task CreateAccount_Is422NamingTheField_AndCreatesNothing(DatabaseProvider provider, string json, string field)
    {
        var world = await worlds.GetAsync(provider);
        var (accounts, audit) = (await AccountCountAsync(world), await AuditCountAsync(world));

        var (status, body) = await world.AsAsync("admin", HttpMethod.Post, "/api/v3_0/accounts", JsonNode.Parse(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["message"]!["json"]![field]);
        Assert.Equal((accounts, audit), (await AccountCountAsync(world), await AuditCountAsync(world)));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task CreateAccount_IsRefused_WhenNotAnAdminOrAConsultancysConsultant(DatabaseProvider provider, string? user, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);
        var accounts = await AccountCountAsync(world);

        var (status, _) = await world.AsAsync(user, HttpMethod.Post, "/api/v3_0/accounts", new JsonObject { ["name"] = "Not allowed" });

        Assert.Equal(expected, status);
        Assert.Equal(accounts, await AccountCountAsync(world));
    }

    public static IEnumerable<object[]> Refusals() => ProviderCases.Cross(
        [null!, HttpStatusCode.Unauthorized],
        ["supplier-admin", HttpStatusCode.Forbidden],
        ["admin-reader", HttpStatusCode.Forbidden],

        // The consultancy account of the test world lacks the Consultancy account role.
        ["consultant", HttpStatusCode.Forbidden]);

    [Theory]
    [BothProviders]
    public async Task CreateAccount_MakesAClientAccount_WhenAConsultancysConsultantPosts(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        await using (var db = world.Database.CreateContext())
        {
            var consultancy = await db.Accounts.Include(a => a.AccountRoles).SingleAsync(a => a.Id == world.Consultancy.Id);
            consultancy.AccountRoles.Add(new AccountRole { Name = AccountRoles.Consultancy });
            await db.SaveChangesAsync();
        }

        var (created, body) = await world.AsAsync("consultant", HttpMethod.Post, "/api/v3_0/accounts", new JsonObject { ["name"] = "Client" });
        var (foreign, _) = await world.AsAsync("consultant", HttpMethod.Post, "/api/v3_0/accounts", new JsonObject { ["name"] = "Client 2", ["consultancy_account_id"] = world.Other.Id });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(world.Consultancy.Id, body!["consultancy_account_id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        await using var check = world.Database.CreateContext();
        Assert.False(await check.Accounts.AnyAsync(a => a.Name == "Client 2"));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateAccount_ChangesTheFieldsAndWritesOneAuditEntry_WhenAMemberPatches(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var before = await AuditCountAsync(world);

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Patch, $"/api/v3_0/accounts/{world.Supplier.Id}", new JsonObject
        {
            ["primary_color"] = "1a3443", ["secondary_color"] = "#F1A", ["logo_url"] = "https://example.com/logo.png", ["attributes"] = new JsonObject { ["site"] = "north" },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("#1a3443", body!["primary_color"]!.GetValue<string>());
        await using var db = world.Database.CreateContext();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == world.Supplier.Id);
        Assert.Equal(("#1a3443", "#F1A", "https://example.com/logo.png"), (account.PrimaryColor, account.SecondaryColor, account.LogoUrl));
        Assert.Equal("north", JsonNode.Parse(account.Attributes)!["site"]!.GetValue<string>());
        var entry = await db.AuditLogs.OrderBy(l => l.Id).LastAsync();
        Assert.Equal(before + 1, await AuditCountAsync(world));
        Assert.Equal((world.Users["supplier"].Id, (int?)world.Supplier.Id), (entry.ActiveUserId!.Value, entry.AffectedAccountId));
        Assert.Contains("primary_color, secondary_color, logo_url, attributes", entry.Event, StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> BadAccountPatches() => ProviderCases.Cross(
        ["{\"primary_color\": \"#12345g\"}", "primary_color"],
        ["{\"secondary_color\": \"blue\"}", "secondary_color"],
        ["{\"logo_url\": \"not a url\"}", "logo_url"],
        ["{\"logo_url\": \"javascript:alert(1)\"}", "logo_url"],
        ["{\"name\": \"Supplier\"}", "name"],
        ["{\"name\": \"\"}", "name"],
        ["{\"consultancy_account_id\": 999999}", "consultancy_account_id"],
        ["{\"attributes\": [1, 2]}", "attributes"],
        ["{\"account_roles\": [999999]}", "account_roles"],
        ["{\"account_roles\": \"Prosumer\"}", "account_roles"],
        ["{\"plan_id\": 999999}", "plan_id"],
        ["{\"id\": 5}", "id"]);

    [Theory]
    [MemberData(nameof(BadAccountPatches))]
    public async Task UpdateAccount_Is422NamingTheField_AndChangesNothing(DatabaseProvider provider, string json, string field)
    {
        var world = await worlds.GetAsync(provider);
        var (account, audit) = (await SnapshotAsync(world, world.Other.Id), await AuditCountAsync(world));

        var (status, body) = await world.AsAsync("admin", HttpMethod.Patch, $"/api/v3_0/accounts/{world.Other.Id}", JsonNode.Parse(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["message"]!["json"]![field]);
        Assert.Equal(account, await SnapshotAsync(world, world.Other.Id));
        Assert.Equal(audit, await AuditCountAsync(world));
    }

    public static IEnumerable<object[]> PatchRefusals() => ProviderCases.Cross(
        [null!, "{\"name\": \"Taken over\"}", HttpStatusCode.Unauthorized],
        ["other", "{\"name\": \"Taken over\"}", HttpStatusCode.Forbidden],
        ["other-admin", "{\"logo_url\": \"https://example.com/x.png\"}", HttpStatusCode.Forbidden],
        ["supplier-admin", "{\"plan_id\": null}", HttpStatusCode.Forbidden],
        ["supplier-admin", "{\"account_roles\": [1]}", HttpStatusCode.Forbidden],
        ["supplier-admin", "{\"consultancy_account_id\": null}", HttpStatusCode.Forbidden]);

    [Theory]
    [MemberData(nameof(PatchRefusals))]
    public async Task UpdateAccount_IsRefused_WhenTheUserMayNotChangeIt(DatabaseProvider provider, string? user, string json, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);
        await EnsureAccountRoleAsync(world);
        var (account, audit) = (await SnapshotAsync(world, world.Supplier.Id), await AuditCountAsync(world));

        var (status, _) = await world.AsAsync(user, HttpMethod.Patch, $"/api/v3_0/accounts/{world.Supplier.Id}", JsonNode.Parse(json));

        Assert.Equal(expected, status);
        Assert.Equal(account, await SnapshotAsync(world, world.Supplier.Id));
        Assert.Equal(audit, await AuditCountAsync(world));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateAccount_SetsAccountRolesAndConsultancy_WhenAnAdminPatches(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var roleId = await EnsureAccountRoleAsync(world);

        var (status, body) = await world.AsAsync("admin", HttpMethod.Patch, $"/api/v3_0/accounts/{world.Other.Id}", new JsonObject
        {
            ["account_roles"] = new JsonArray(roleId), ["consultancy_account_id"] = world.Consultancy.Id,
        });
        var (cleared, clearedBody) = await world.AsAsync("admin", HttpMethod.Patch, $"/api/v3_0/accounts/{world.Other.Id}", new JsonObject
        {
            ["account_roles"] = new JsonArray(), ["consultancy_account_id"] = null,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([roleId], body!["account_roles"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()));
        Assert.Equal(world.Consultancy.Id, body["consultancy_account_id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, cleared);
        Assert.Empty(clearedBody!["account_roles"]!.AsArray());
        Assert.Null(clearedBody["consultancy_account_id"]);
    }

    public static IEnumerable<object[]> DocumentedOperations() => ProviderCases.Cross(
        ["/api/v3_0/accounts", "post", "201", true],
        ["/api/v3_0/accounts/{id}", "patch", "200", true],
        ["/api/v3_0/accounts/{id}/auditlog", "get", "200", false],
        ["/api/v3_0/users", "post", "201", true],
        ["/api/v3_0/users/{id}", "patch", "200", true],
        ["/api/v3_0/users/{id}/auditlog", "get", "200", false],
        ["/api/v3_0/assets/{id}/auditlog", "get", "200", false]);

    [Theory]
    [MemberData(nameof(DocumentedOperations))]
    public async Task OpenApi_DescribesTheOperation_WithASummaryAndExamples(DatabaseProvider provider, string path, string method, string status, bool hasBody)
    {
        var world = await worlds.GetAsync(provider);

        using var response = await world.SendRawAsync(HttpMethod.Get, "/api/openapi/v3_0.json", null, null, null);
        var document = await ApiWorld.ReadJsonAsync(response);

        var operation = document!["paths"]![path]![method]!;
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]!.GetValue<string>()));
        Assert.NotNull(operation["responses"]![status]!["content"]!["application/json"]!["example"]);
        if (hasBody)
        {
            Assert.NotNull(operation["requestBody"]!["content"]!["application/json"]!["example"]);
        }
    }

    private static async Task<int> EnsureAccountRoleAsync(ApiWorld world)
    {
        await using var db = world.Database.CreateContext();
        var role = await db.AccountRoles.SingleOrDefaultAsync(r => r.Name == "Prosumer");
        if (role is null)
        {
            role = new AccountRole { Name = "Prosumer" };
            db.AccountRoles.Add(role);
            await db.SaveChangesAsync();
        }

        return role.Id;
    }

    private static async Task<string> SnapshotAsync(ApiWorld world, int id)
    {
        await using var db = world.Database.CreateContext();
        var a = await db.Accounts.AsNoTracking().Include(x => x.AccountRoles).SingleAsync(x => x.Id == id);
        return $"{a.Name}|{a.PrimaryColor}|{a.SecondaryColor}|{a.LogoUrl}|{a.ConsultancyAccountId}|{a.PlanId}|{a.Attributes}|{string.Join(",", a.AccountRoles.Select(r => r.Id))}";
    }

    internal static async Task<int> AuditCountAsync(ApiWorld world)
    {
        await using var db = world.Database.CreateContext();
        return await db.AuditLogs.CountAsync() + await db.AssetAuditLogs.CountAsync();
    }

    private static async Task<int> AccountCountAsync(ApiWorld world)
    {
        await using var db = world.Database.CreateContext();
        return await db.Accounts.CountAsync();
    }
}

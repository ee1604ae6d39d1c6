using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Administration;

/// <summary>POST and PATCH of users: FlexMeasures' fields, who may grant which role, one audit entry per change.</summary>
public sealed class UsersApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private static int _counter;

    [Theory]
    [BothProviders]
    public async Task CreateUser_Is201WithItsDataSourceAndOneAuditEntry_WhenAnAccountAdminPosts(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var before = await AccountsApiTests.AuditCountAsync(world);

        var (status, body) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/users", new JsonObject
        {
            ["email"] = "new.colleague@example.org", ["username"] = "new colleague", ["account_id"] = world.Supplier.Id, ["password"] = "long enough password",
        });
        var (login, _) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "new.colleague@example.org", ["password"] = "long enough password" });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body!["id"]!.GetValue<int>();
        Assert.Equal(("new.colleague@example.org", "new colleague", world.Supplier.Id, true), (body["email"]!.GetValue<string>(), body["username"]!.GetValue<string>(), body["account_id"]!.GetValue<int>(), body["active"]!.GetValue<bool>()));
        Assert.Empty(body["flexmeasures_roles"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, login);
        await using var db = world.Database.CreateContext();
        Assert.True(await db.DataSources.AnyAsync(s => s.UserId == id && s.Type == "user"));
        var entry = Assert.Single(await db.AuditLogs.Where(l => l.AffectedUserId == id).ToListAsync());
        Assert.Equal(world.Users["supplier-admin"].Id, entry.ActiveUserId);
        Assert.Equal(before + 1, await AccountsApiTests.AuditCountAsync(world));
    }

    [Theory]
    [BothProviders]
    public async Task CreateUser_GetsAPasswordNobodyKnows_WhenNoneIsGiven(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);

        var (status, _) = await world.AsAsync("admin", HttpMethod.Post, "/api/v3_0/users", new JsonObject
        {
            ["email"] = "no.password@example.org", ["username"] = "no password", ["account_id"] = world.Other.Id,
        });
        var (login, _) = await world.SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = "no.password@example.org", ["password"] = "no.password@example.org" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.Unauthorized, login);
    }

    public static IEnumerable<object[]> BadNewUsers() => ProviderCases.Cross(
        ["{\"username\": \"u\", \"account_id\": 0}", "email"],
        ["{\"email\": \"not an email\", \"username\": \"u\", \"account_id\": 0}", "email"],
        ["{\"email\": \"supplier@example.org\", \"username\": \"u\", \"account_id\": 0}", "email"],
        ["{\"email\": \"x@example.org\", \"account_id\": 0}", "username"],
        ["{\"email\": \"x@example.org\", \"username\": \"supplier\", \"account_id\": 0}", "username"],
        ["{\"email\": \"x@example.org\", \"username\": \"u\"}", "account_id"],
        ["{\"email\": \"x@example.org\", \"username\": \"u\", \"account_id\": 0, \"password\": \"short\"}", "password"],
        ["{\"email\": \"x@example.org\", \"username\": \"u\", \"account_id\": 0, \"timezone\": \"Mars/Olympus\"}", "timezone"],
        ["{\"email\": \"x@example.org\", \"username\": \"u\", \"account_id\": 0, \"flexmeasures_roles\": [1]}", "flexmeasures_roles"]);

    [Theory]
    [MemberData(nameof(BadNewUsers))]
    public async Task CreateUser_Is422NamingTheField_AndCreatesNothing(DatabaseProvider provider, string json, string field)
    {
        var world = await worlds.GetAsync(provider);
        var body = JsonNode.Parse(json)!.AsObject();
        if (body.ContainsKey("account_id"))
        {
            body["account_id"] = world.Supplier.Id;
        }

        var (users, audit) = (await UserCountAsync(world), await AccountsApiTests.AuditCountAsync(world));

        var (status, answer) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/users", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(answer!["message"]!["json"]![field]);
        Assert.Equal((users, audit), (await UserCountAsync(world), await AccountsApiTests.AuditCountAsync(world)));
    }

    public static IEnumerable<object[]> CreateRefusals() => ProviderCases.Cross(
        [null!, HttpStatusCode.Unauthorized],
        ["supplier", HttpStatusCode.Forbidden],
        ["other-admin", HttpStatusCode.Forbidden],
        ["admin-reader", HttpStatusCode.Forbidden]);

    [Theory]
    [MemberData(nameof(CreateRefusals))]
    public async Task CreateUser_IsRefused_WhenTheUserMayNotAddUsersToTheAccount(DatabaseProvider provider, string? user, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);
        var users = await UserCountAsync(world);

        var (status, _) = await world.AsAsync(user, HttpMethod.Post, "/api/v3_0/users", new JsonObject
        {
            ["email"] = "intruder@example.org", ["username"] = "intruder", ["account_id"] = world.Supplier.Id,
        });

        Assert.Equal(expected, status);
        Assert.Equal(users, await UserCountAsync(world));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateUser_ChangesEveryAllowedFieldWithOneAuditEntry_WhenTheAccountAdminPatches(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var id = await NewSupplierUserAsync(world);
        var consultant = await RoleIdAsync(world, UserRoles.Consultant);
        var before = await AccountsApiTests.AuditCountAsync(world);

        var (status, body) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject
        {
            ["email"] = $"renamed{id}@example.org", ["username"] = $"renamed {id}", ["timezone"] = "Europe/Berlin", ["active"] = false,
            ["flexmeasures_roles"] = new JsonArray(consultant),
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([consultant], body!["flexmeasures_roles"]!.AsArray().Select(r => r!.GetValue<int>()));
        await using var db = world.Database.CreateContext();
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == id);
        Assert.Equal(($"renamed{id}@example.org", $"renamed {id}", "Europe/Berlin", false), (user.Email, user.Username, user.Timezone, user.Active));
        Assert.Equal([UserRoles.Consultant], user.Roles.Select(r => r.Name));
        Assert.Equal(before + 1, await AccountsApiTests.AuditCountAsync(world));
        var entry = await db.AuditLogs.OrderBy(l => l.Id).LastAsync();
        Assert.Equal((world.Users["supplier-admin"].Id, (int?)id), (entry.ActiveUserId!.Value, entry.AffectedUserId));
        Assert.Contains("Added role(s): [consultant]", entry.Event, StringComparison.Ordinal);
        Assert.Contains("Active status set to 'False'", entry.Event, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task UpdateUser_GrantsAccountAdmin_WhenTheAccountsConsultantPatches(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var id = await NewSupplierUserAsync(world);
        var accountAdmin = await RoleIdAsync(world, UserRoles.AccountAdmin);

        var (status, body) = await world.AsAsync("consultant", HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["flexmeasures_roles"] = new JsonArray(accountAdmin) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([accountAdmin], body!["flexmeasures_roles"]!.AsArray().Select(r => r!.GetValue<int>()));
    }

    public static IEnumerable<object[]> RoleRefusals() => ProviderCases.Cross(
        ["supplier-admin", UserRoles.Admin, false],
        ["supplier-admin", UserRoles.AdminReader, false],
        ["supplier-admin", UserRoles.AccountAdmin, false],
        ["consultant", UserRoles.Consultant, false],
        ["admin", UserRoles.Admin, false],
        ["supplier-admin", UserRoles.Consultant, true]);

    [Theory]
    [MemberData(nameof(RoleRefusals))]
    public async Task UpdateUser_Is403AndChangesNothing_WhenTheRoleMayNotBeGivenOrTaken(DatabaseProvider provider, string actor, string role, bool patchSelf)
    {
        var world = await worlds.GetAsync(provider);
        var id = patchSelf ? world.Users[actor].Id : await NewSupplierUserAsync(world);
        var (user, audit) = (await SnapshotAsync(world, id), await AccountsApiTests.AuditCountAsync(world));

        var (status, body) = await world.AsAsync(actor, HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["flexmeasures_roles"] = new JsonArray(await RoleIdAsync(world, role)) });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("INVALID_SENDER", body!["status"]!.GetValue<string>());
        Assert.Equal((user, audit), (await SnapshotAsync(world, id), await AccountsApiTests.AuditCountAsync(world)));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateUser_Is403_WhenUsersDeactivateThemselves(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var id = world.Users["supplier-admin"].Id;

        var (status, _) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["active"] = false });
        var (timezone, _) = await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["timezone"] = "Europe/Amsterdam" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.OK, timezone);
        await using var db = world.Database.CreateContext();
        Assert.True(await db.Users.Where(u => u.Id == id).Select(u => u.Active).SingleAsync());
    }

    public static IEnumerable<object[]> BadUserPatches() => ProviderCases.Cross(
        ["{\"email\": \"nope\"}", "email"],
        ["{\"email\": \"other@example.org\"}", "email"],
        ["{\"username\": \"\"}", "username"],
        ["{\"username\": \"other\"}", "username"],
        ["{\"timezone\": \"Mars/Olympus\"}", "timezone"],
        ["{\"active\": \"maybe\"}", "active"],
        ["{\"flexmeasures_roles\": [999999]}", "flexmeasures_roles"],
        ["{\"flexmeasures_roles\": \"consultant\"}", "flexmeasures_roles"],
        ["{\"account_id\": 1}", "account_id"],
        ["{\"password\": \"long enough password\"}", "password"]);

    [Theory]
    [MemberData(nameof(BadUserPatches))]
    public async Task UpdateUser_Is422NamingTheField_AndChangesNothing(DatabaseProvider provider, string json, string field)
    {
        var world = await worlds.GetAsync(provider);
        var id = await NewSupplierUserAsync(world);
        var (user, audit) = (await SnapshotAsync(world, id), await AccountsApiTests.AuditCountAsync(world));

        var (status, body) = await world.AsAsync("admin", HttpMethod.Patch, $"/api/v3_0/users/{id}", JsonNode.Parse(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["message"]!["json"]![field]);
        Assert.Equal((user, audit), (await SnapshotAsync(world, id), await AccountsApiTests.AuditCountAsync(world)));
    }

    public static IEnumerable<object[]> PatchRefusals() => ProviderCases.Cross(
        [null!, HttpStatusCode.Unauthorized],
        ["other-admin", HttpStatusCode.Forbidden],
        ["supplier", HttpStatusCode.Forbidden],
        ["admin-reader", HttpStatusCode.Forbidden]);

    [Theory]
    [MemberData(nameof(PatchRefusals))]
    public async Task UpdateUser_IsRefused_WhenTheUserMayNotEditThem(DatabaseProvider provider, string? actor, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);
        var id = await NewSupplierUserAsync(world);
        var user = await SnapshotAsync(world, id);

        var (status, _) = await world.AsAsync(actor, HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["username"] = "taken over" });

        Assert.Equal(expected, status);
        Assert.Equal(user, await SnapshotAsync(world, id));
    }

    /// <summary>A fresh active user of the supplier account without roles, so tests may change it.</summary>
    internal static async Task<int> NewSupplierUserAsync(ApiWorld world)
    {
        var n = Interlocked.Increment(ref _counter);
        var (status, body) = await world.AsAsync("admin", HttpMethod.Post, "/api/v3_0/users", new JsonObject
        {
            ["email"] = $"member{n}@example.org", ["username"] = $"member {n}", ["account_id"] = world.Supplier.Id,
        });
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["id"]!.GetValue<int>();
    }

    internal static async Task<int> RoleIdAsync(ApiWorld world, string name)
    {
        await using var db = world.Database.CreateContext();
        return await db.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }

    private static async Task<string> SnapshotAsync(ApiWorld world, int id)
    {
        await using var db = world.Database.CreateContext();
        var u = await db.Users.AsNoTracking().Include(x => x.Roles).SingleAsync(x => x.Id == id);
        return $"{u.Email}|{u.Username}|{u.Timezone}|{u.Active}|{u.FsUniquifier}|{string.Join(",", u.Roles.Select(r => r.Id).Order())}";
    }

    private static async Task<int> UserCountAsync(ApiWorld world)
    {
        await using var db = world.Database.CreateContext();
        return await db.Users.CountAsync();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Tests.Administration;

/// <summary>The audit logs of users, accounts and assets: who may read them, their keys, order, filter and pages; one entry per change.</summary>
public sealed class AuditLogApiTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task EveryStructureAndUserChange_WritesOneEntry_WithTheActingUser(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var admin = world.Users["admin"].Id;
        var supplierAdmin = world.Users["supplier-admin"].Id;
        var consultantRole = await UsersApiTests.RoleIdAsync(world, Data.Users.UserRoles.Consultant);
        var steps = new List<(string Change, string Actor, HttpMethod Method, Func<string> Path, Func<JsonNode?> Body)>();
        int account = 0, user = 0, asset = 0, sensor = 0;
        steps.Add(("create account", "admin", HttpMethod.Post, () => "/api/v3_0/accounts", () => new JsonObject { ["name"] = "Audited" }));
        steps.Add(("update account", "admin", HttpMethod.Patch, () => $"/api/v3_0/accounts/{account}", () => new JsonObject { ["logo_url"] = "https://example.com/a.png" }));
        steps.Add(("create user", "supplier-admin", HttpMethod.Post, () => "/api/v3_0/users", () => new JsonObject { ["email"] = "audited@example.org", ["username"] = "audited", ["account_id"] = world.Supplier.Id }));
        steps.Add(("update user", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/users/{user}", () => new JsonObject { ["timezone"] = "UTC" }));
        steps.Add(("grant role", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/users/{user}", () => new JsonObject { ["flexmeasures_roles"] = new JsonArray(consultantRole) }));
        steps.Add(("deactivate", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/users/{user}", () => new JsonObject { ["active"] = false }));
        steps.Add(("password reset", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/users/{user}/password-reset", () => null));
        steps.Add(("create asset", "supplier-admin", HttpMethod.Post, () => "/api/v3_0/assets", () => new JsonObject { ["name"] = "audited battery", ["generic_asset_type_id"] = world.AssetType.Id }));
        steps.Add(("update asset", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/assets/{asset}", () => new JsonObject { ["latitude"] = 51.0 }));
        steps.Add(("create sensor", "supplier-admin", HttpMethod.Post, () => "/api/v3_0/sensors", () => new JsonObject { ["name"] = "power", ["unit"] = "kW", ["event_resolution"] = "PT15M", ["generic_asset_id"] = asset }));
        steps.Add(("update sensor", "supplier-admin", HttpMethod.Patch, () => $"/api/v3_0/sensors/{sensor}", () => new JsonObject { ["name"] = "power 2" }));
        steps.Add(("delete sensor", "supplier-admin", HttpMethod.Delete, () => $"/api/v3_0/sensors/{sensor}", () => null));
        steps.Add(("delete asset", "supplier-admin", HttpMethod.Delete, () => $"/api/v3_0/assets/{asset}", () => null));

        foreach (var (change, actor, method, path, body) in steps)
        {
            var before = await AccountsApiTests.AuditCountAsync(world);
            var (status, answer) = await world.AsAsync(actor, method, path(), body());
            Assert.True((int)status < 300, $"{change}: {status} {answer?.ToJsonString()}");
            var id = answer?["id"]?.GetValue<int>() ?? 0;
            (account, user, asset, sensor) = change switch
            {
                "create account" => (id, user, asset, sensor),
                "create user" => (account, id, asset, sensor),
                "create asset" => (account, user, id, sensor),
                "create sensor" => (account, user, asset, id),
                _ => (account, user, asset, sensor),
            };

            Assert.True(before + 1 == await AccountsApiTests.AuditCountAsync(world), $"{change} should write one entry");
            await using var db = world.Database.CreateContext();
            var lastUserEntry = await db.AuditLogs.OrderBy(l => l.Id).Select(l => new { l.Id, l.ActiveUserId }).LastAsync();
            var lastAssetEntry = await db.AssetAuditLogs.OrderBy(l => l.Id).Select(l => new { l.Id, l.ActiveUserId }).LastOrDefaultAsync();
            var newest = change.Contains("asset", StringComparison.Ordinal) || change.Contains("sensor", StringComparison.Ordinal) ? lastAssetEntry!.ActiveUserId : lastUserEntry.ActiveUserId;
            Assert.Equal(actor == "admin" ? admin : supplierAdmin, newest);
        }
    }

    [Theory]
    [BothProviders]
    public async Task UserAuditLog_ListsTheUsersEntriesInOrder_WithFilterSortAndPages(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, created) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/users", new JsonObject
        {
            ["email"] = "logged@example.org", ["username"] = "logged", ["account_id"] = world.Supplier.Id,
        });
        var id = created!["id"]!.GetValue<int>();
        await world.AsAsync("supplier-admin", HttpMethod.Patch, $"/api/v3_0/users/{id}", new JsonObject { ["timezone"] = "Europe/Paris" });

        var (status, all) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog");
        var (_, page) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?page=2&per-page=1");
        var (_, filtered) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?filter=TIMEZONE");
        var (_, either) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?filter=timezone%20CREATED");
        var (_, byName) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?filter=supplier-admin");
        var (_, descending) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?sort-by=event_datetime&sort-dir=desc");
        var (badSort, badSortBody) = await world.AsAsync("supplier-admin", HttpMethod.Get, $"/api/v3_0/users/{id}/auditlog?sort-by=event");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = all!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["active_user_id", "active_user_name", "event", "event_datetime"], entries[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains("created", entries[0]!["event"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("timezone", entries[1]!["event"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("supplier-admin", entries[1]!["active_user_name"]!.GetValue<string>());
        Assert.Equal(world.Users["supplier-admin"].Id, entries[1]!["active_user_id"]!.GetValue<int>());
        Assert.EndsWith("+00:00", entries[0]!["event_datetime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(entries[1]!["event"]!.GetValue<string>(), page!["data"]!.AsArray().Single()!["event"]!.GetValue<string>());
        Assert.Equal((2, 2), (page["num-records"]!.GetValue<int>(), page["filtered-records"]!.GetValue<int>()));
        Assert.Single(filtered!.AsArray());
        Assert.Equal(2, either!.AsArray().Count);
        Assert.Equal(2, byName!.AsArray().Count);
        Assert.Equal(entries.Select(e => e!["event"]!.GetValue<string>()).Reverse(), descending!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSort);
        Assert.NotNull(badSortBody!["message"]!["query"]!["sort-by"]);
    }

    public static IEnumerable<object[]> UserLogReaders() => ProviderCases.Cross(
        [null!, HttpStatusCode.Unauthorized],
        ["supplier", HttpStatusCode.OK],
        ["supplier-admin", HttpStatusCode.OK],
        ["consultant", HttpStatusCode.OK],
        ["admin-reader", HttpStatusCode.OK],
        ["other", HttpStatusCode.Forbidden],
        ["other-admin", HttpStatusCode.Forbidden]);

    /// <summary>The log of the plain supplier user: they read their own, a colleague without account-admin cannot.</summary>
    [Theory]
    [MemberData(nameof(UserLogReaders))]
    public async Task UserAuditLog_IsReadByTheUserAccountAdminsConsultantsAndAdmins(DatabaseProvider provider, string? reader, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);

        var (status, _) = await world.AsAsync(reader, HttpMethod.Get, $"/api/v3_0/users/{world.Users["supplier"].Id}/auditlog");
        var (colleague, _) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/users/{world.Users["supplier-admin"].Id}/auditlog");

        Assert.Equal(expected, status);
        Assert.Equal(HttpStatusCode.Forbidden, colleague);
    }

    public static IEnumerable<object[]> AccountLogReaders() => ProviderCases.Cross(
        [null!, HttpStatusCode.Unauthorized],
        ["supplier", HttpStatusCode.Forbidden],
        ["supplier-admin", HttpStatusCode.OK],
        ["consultant", HttpStatusCode.OK],
        ["admin-reader", HttpStatusCode.OK],
        ["other-admin", HttpStatusCode.Forbidden]);

    [Theory]
    [MemberData(nameof(AccountLogReaders))]
    public async Task AccountAuditLog_IsReadByAccountAdminsConsultantsAndAdmins(DatabaseProvider provider, string? reader, HttpStatusCode expected)
    {
        var world = await worlds.GetAsync(provider);

        var (status, body) = await world.AsAsync(reader, HttpMethod.Get, $"/api/v3_0/accounts/{world.Supplier.Id}/auditlog");

        Assert.Equal(expected, status);
        if (status == HttpStatusCode.OK)
        {
            var entries = body!.AsArray();
            Assert.Contains(entries, e => e!["event"]!.GetValue<string>().Contains("User supplier ", StringComparison.Ordinal));
            Assert.All(entries, e => Assert.Equal(["active_user_id", "event", "event_datetime"], e!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        }
    }

    [Theory]
    [BothProviders]
    public async Task AssetAuditLog_IsAlwaysPaged_AndReadLikeTheAsset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, created) = await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/assets", new JsonObject
        {
            ["name"] = "logged battery", ["generic_asset_type_id"] = world.AssetType.Id,
        });
        var id = created!["id"]!.GetValue<int>();
        await world.AsAsync("supplier-admin", HttpMethod.Post, "/api/v3_0/sensors", new JsonObject
        {
            ["name"] = "power", ["unit"] = "kW", ["event_resolution"] = "PT15M", ["generic_asset_id"] = id,
        });

        var (status, body) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{id}/auditlog");
        var (second, secondBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{id}/auditlog?page=2&per-page=1");
        var (anonymous, _) = await world.AsAsync(null, HttpMethod.Get, $"/api/v3_0/assets/{id}/auditlog");
        var (foreign, _) = await world.AsAsync("other", HttpMethod.Get, $"/api/v3_0/assets/{id}/auditlog");
        var (badPage, badPageBody) = await world.AsAsync("supplier", HttpMethod.Get, $"/api/v3_0/assets/{id}/auditlog?page=0");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = body!["data"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains("created", events[0], StringComparison.Ordinal);
        Assert.Contains("Sensor power", events[1], StringComparison.Ordinal);
        Assert.Equal((2, 2), (body["num-records"]!.GetValue<int>(), body["filtered-records"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal([events[1]], secondBody!["data"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPage);
        Assert.NotNull(badPageBody!["message"]!["query"]!["page"]);
        await using var db = world.Database.CreateContext();
        Assert.Equal(2, await db.AssetAuditLogs.CountAsync(l => l.AffectedAssetId == id));
    }
}

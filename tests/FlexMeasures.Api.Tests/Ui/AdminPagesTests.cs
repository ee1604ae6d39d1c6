using System.Net;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The accounts and users pages over HTTP: what each role sees, and that every form's POST checks again.</summary>
public sealed class AdminPagesTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task UsersPage_ListsOnlyTheOwnAccountsUsers_AndNoForm_WhenPlainUser(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier");

        var (status, html) = await session.GetAsync("/users");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("supplier-admin@example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("other@example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Create user", html, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task UsersPost_Is403AndStoresNothing_WhenPlainUser(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier");

        var (status, _, _) = await session.PostFormAsync("/users", "/users", NewUserFields("sneaky", world.Supplier.Id));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, await CountUsersAsync(world, "sneaky"));
    }

    [Theory]
    [BothProviders]
    public async Task UsersPost_Is403AndStoresNothing_WhenAccountAdminNamesAnotherAccount(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier-admin");

        var (status, _, _) = await session.PostFormAsync("/users", "/users", NewUserFields("planted", world.Other.Id));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, await CountUsersAsync(world, "planted"));
    }

    [Theory]
    [BothProviders]
    public async Task UsersPost_Is422WithTheMessageAndStoresNothing_WhenTimezoneUnknown(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var fields = NewUserFields("zoneless", world.Supplier.Id).Where(f => f.Key != "Form.Timezone").Append(new("Form.Timezone", "Mars/Olympus"));

        var (status, _, html) = await session.PostFormAsync("/users", "/users", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("Mars/Olympus", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(world, "zoneless"));
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_DeactivateThenReactivate_ChangesTheUsersActivity_WhenAccountAdmin(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var user = await AddUserAsync(world, "to-deactivate", world.Supplier.Id);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var page = $"/users/{user.Id}";

        var deactivated = await session.PostFormAsync(page, $"{page}?handler=Deactivate", []);
        var activeAfterDeactivation = await IsActiveAsync(world, user.Id);
        var reactivated = await session.PostFormAsync(page, $"{page}?handler=Reactivate", []);

        Assert.Equal((HttpStatusCode.Redirect, $"{page}?done=deactivated"), (deactivated.Status, deactivated.Location));
        Assert.False(activeAfterDeactivation);
        Assert.Equal((HttpStatusCode.Redirect, $"{page}?done=reactivated"), (reactivated.Status, reactivated.Location));
        Assert.True(await IsActiveAsync(world, user.Id));
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_Deactivate_Is403_WhenTheViewerThemself(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var user = await AddUserAsync(world, "self-deactivator", world.Supplier.Id, UserRoles.AccountAdmin);
        using var session = await PageSession.StartAsync(world, user.Username!);
        var page = $"/users/{user.Id}";

        var (_, html) = await session.GetAsync(page);
        var (status, _, _) = await session.PostFormAsync(page, $"{page}?handler=Deactivate", []);

        Assert.DoesNotContain(">Deactivate<", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(await IsActiveAsync(world, user.Id));
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_ResetPassword_EndsTheUsersTokens(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var user = await AddUserAsync(world, "forgetful", world.Supplier.Id);
        var token = await world.TokenAsync(user.Username!);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var page = $"/users/{user.Id}";

        var (status, location, _) = await session.PostFormAsync(page, $"{page}?handler=ResetPassword", []);
        var (apiStatus, _) = await world.SendAsync(HttpMethod.Get, $"/api/v3_0/users/{user.Id}", token);

        Assert.Equal((HttpStatusCode.Redirect, $"{page}?done=reset"), (status, location));
        Assert.Equal(HttpStatusCode.Unauthorized, apiStatus);
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_Edit_Is422WithTheMessageAndChangesNothing_WhenEmailEmptied(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var user = await AddUserAsync(world, "emptied", world.Supplier.Id);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var page = $"/users/{user.Id}";

        var (status, _, html) = await session.PostFormAsync(page, $"{page}?handler=Edit",
            [new("Form.Username", "emptied renamed"), new("Form.Email", ""), new("Form.Timezone", user.Timezone)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("is not a valid email address", html, StringComparison.Ordinal);
        Assert.Equal((0, 1), (await CountUsersAsync(world, "emptied renamed"), await CountUsersAsync(world, "emptied")));
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_Is403AndEditIsRefused_WhenAnotherAccountsUser(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var other = world.Users["other"];

        var (getStatus, html) = await session.GetAsync($"/users/{other.Id}");
        var (postStatus, _, _) = await session.PostFormAsync("/users", $"/users/{other.Id}?handler=Edit",
            [new("Form.Username", "hijacked"), new("Form.Email", other.Email), new("Form.Timezone", other.Timezone)]);

        Assert.Equal(HttpStatusCode.Forbidden, getStatus);
        Assert.Contains("Access denied", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, postStatus);
        Assert.Equal(0, await CountUsersAsync(world, "hijacked"));
    }

    [Theory]
    [BothProviders]
    public async Task AccountPage_ShowsItsUsersAndAssets_AndNoEditForm_WhenPlainMember(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier");

        var (status, html) = await session.GetAsync($"/accounts/{world.Supplier.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/users/{world.Users["supplier-admin"].Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/assets/{world.SupplierAsset.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains(world.Consultancy.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a user", html, StringComparison.Ordinal);

        // FlexMeasures lets every member update their account (name, branding); the form is there, the Add button not.
        Assert.Contains("id=\"edit-account\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AccountPage_Edit_Is422WithTheMessageAndChangesNothing_WhenColourInvalid(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var session = await PageSession.StartAsync(world, "supplier-admin");
        var page = $"/accounts/{world.Supplier.Id}";

        var (status, _, html) = await session.PostFormAsync(page, page,
            [new("Form.Name", "Renamed supplier"), new("Form.PrimaryColor", "not-a-colour"), new("Form.SecondaryColor", ""), new("Form.LogoUrl", "")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("not-a-colour is not a valid hex color code.", html, StringComparison.Ordinal);
        await using var db = world.Database.CreateContext();
        var stored = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == world.Supplier.Id);
        Assert.Equal((world.Supplier.Name, (string?)null), (stored.Name, stored.PrimaryColor));
    }

    [Theory]
    [BothProviders]
    public async Task AccountsPost_CreatesTheAccount_WhenAdmin_AndIs403_WhenAccountAdmin(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var admin = await PageSession.StartAsync(world, "admin");
        using var accountAdmin = await PageSession.StartAsync(world, "supplier-admin");
        var name = $"New account {provider}";

        var refused = await accountAdmin.PostFormAsync("/accounts", "/accounts", [new("Form.Name", name + " (refused)")]);
        var created = await admin.PostFormAsync("/accounts", "/accounts", [new("Form.Name", name), new("Form.ConsultancyAccountId", "")]);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        await using var db = world.Database.CreateContext();
        var names = await db.Accounts.AsNoTracking().Where(a => a.Name.StartsWith(name)).Select(a => new { a.Id, a.Name }).ToListAsync();
        var stored = Assert.Single(names);
        Assert.Equal(($"/accounts/{stored.Id}?done=created", name), (created.Location, stored.Name));
    }

    [Theory]
    [BothProviders]
    public async Task AccountsPage_ListsOnlyReadableAccounts(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        using var consultant = await PageSession.StartAsync(world, "consultant");

        var (status, html) = await consultant.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"data-account-id=\"{world.Supplier.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-account-id=\"{world.Consultancy.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-account-id=\"{world.Other.Id}\"", html, StringComparison.Ordinal);
    }

    internal static KeyValuePair<string, string>[] NewUserFields(string username, int accountId) =>
    [
        new("Form.Username", username), new("Form.Email", $"{username}@example.org"), new("Form.AccountId", accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.Password", ApiWorld.Password), new("Form.Timezone", "Europe/Amsterdam"),
    ];

    internal static async Task<int> CountUsersAsync(ApiWorld world, string username)
    {
        await using var db = world.Database.CreateContext();
        return await db.Users.CountAsync(u => u.Username == username);
    }

    private static async Task<bool> IsActiveAsync(ApiWorld world, int userId)
    {
        await using var db = world.Database.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Active).SingleAsync();
    }

    /// <summary>A user of this test alone (tests share the world), with <see cref="ApiWorld.Password"/> and email <c>&lt;name&gt;@example.org</c>.</summary>
    private static async Task<User> AddUserAsync(ApiWorld world, string name, int accountId, params string[] roles)
    {
        using var scope = world.Database.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserService>()
            .CreateAsync(new NewUser(name, $"{name}@example.org", accountId, ApiWorld.Password, roles), CancellationToken.None);
        world.Users[name] = user;
        return user;
    }
}

using Deque.AxeCore.Playwright;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The accounts and users pages in Chromium: what a person sees and does there.</summary>
public sealed class AdminPagesBrowserTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task UsersPage_CreateUser_ShowsTheNewUserInTheList_WhenAccountAdmin(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier-admin", returnTo: "/users");

        await page.GetByLabel("Name").FillAsync("new colleague");
        await page.GetByLabel("Email").FillAsync("new.colleague@example.org");
        await page.GetByLabel("Password").FillAsync(ApiWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("created=", StringComparison.Ordinal));
        await Browser.ScreenshotAsync(page, $"users-created-{provider}");

        var rows = await page.Locator("table.users tbody th").AllTextContentsAsync();
        Assert.Contains("new colleague", rows);
        Assert.Contains("new colleague", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AdminPagesTests.CountUsersAsync(world, "new colleague"));
    }

    [Theory]
    [BothProviders]
    public async Task UsersPage_ShowsTheMessageNextToTheEmailAndStoresNothing_WhenEmailInUse(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier-admin", returnTo: "/users");

        await page.GetByLabel("Name").FillAsync("doppelganger");
        await page.GetByLabel("Email").FillAsync("supplier@example.org");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, $"users-email-in-use-{provider}");

        Assert.Equal(422, response.Status);
        Assert.Equal("a user with email supplier@example.org already exists", await page.Locator("#new-user-email-error").TextContentAsync());
        Assert.Equal("true", await page.GetByLabel("Email").GetAttributeAsync("aria-invalid"));
        Assert.Equal("doppelganger", await page.GetByLabel("Name").InputValueAsync());
        Assert.Equal(0, await AdminPagesTests.CountUsersAsync(world, "doppelganger"));
    }

    [Theory]
    [BothProviders]
    public async Task UsersPage_ShowsNoCreateButton_AndRefusesThePost_WhenPlainUser(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier", returnTo: "/users");
        await Browser.ScreenshotAsync(page, $"users-plain-{provider}");
        var token = await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");

        // What a hand-made form would send: the session cookie and a valid antiforgery token, but no right to add users.
        var response = await page.APIRequest.PostAsync("/users", new()
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token! },
            Form = FormOf(page.APIRequest, AdminPagesTests.NewUserFields("uninvited", world.Supplier.Id)),
            MaxRedirects = 0,
        });

        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).CountAsync());
        Assert.Equal(403, response.Status);
        Assert.Equal(0, await AdminPagesTests.CountUsersAsync(world, "uninvited"));
    }

    [Theory]
    [BothProviders]
    public async Task AccountPage_ShowsAccessDenied_WhenAnotherAccount(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        var response = await page.GotoAsync($"/accounts/{world.Other.Id}");
        await Browser.ScreenshotAsync(page, $"account-denied-{provider}");

        Assert.Equal(403, response!.Status);
        Assert.Equal("Access denied", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        Assert.DoesNotContain(world.Other.Name, await page.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AdminPages_FitAPhone_AndHaveNoAccessibilityViolations(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world, new ViewportSize { Width = 390, Height = 844 });
        await Browser.LoginAsync(page, "admin", returnTo: "/users");
        var pages = new[] { "/users", $"/users/{world.Users["supplier"].Id}", "/accounts", $"/accounts/{world.Supplier.Id}" };

        var problems = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await Browser.ScreenshotAsync(page, $"phone{path.Replace('/', '-')}-{provider}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                problems.Add($"{path} is {overflow} px wider than the phone");
            }

            var axe = await page.Locator("main").RunAxe();
            problems.AddRange(axe.Violations.Select(v => $"{path}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
        }

        Assert.Empty(problems);
    }

    [Theory]
    [BothProviders]
    public async Task UserPage_CanBeDeactivatedWithTheKeyboard_WhenAdmin(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "admin");
        await page.GotoAsync("/users?account=" + world.Other.Id);
        var (name, email) = ($"keyboard-{provider}", $"keyboard-{provider}@example.org");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Email").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("created=", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/users/", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("done=deactivated", StringComparison.Ordinal));
        await Browser.ScreenshotAsync(page, $"user-deactivated-{provider}");

        Assert.Equal("inactive", await page.Locator("#user-status").TextContentAsync());
    }

    private static IFormData FormOf(IAPIRequestContext request, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = request.CreateFormData();
        foreach (var (key, value) in fields)
        {
            form.Set(key, value);
        }

        return form;
    }
}

using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>Logging in and out through the form, in Chromium.</summary>
public sealed class LoginPageTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    [Theory]
    [BothProviders]
    public async Task Login_OpensTheDashboard_WithOnlyTheAssetsTheUserMayRead(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);

        await page.GotoAsync("/");
        var sentToLogin = page.Url;
        await Browser.LoginAsync(page, "supplier", returnTo: "/");
        await Browser.ScreenshotAsync(page, $"dashboard-{provider}");

        Assert.Contains("/login?returnUrl=%2F", sentToLogin, StringComparison.Ordinal);
        Assert.Equal("Dashboard", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        var assets = await page.Locator(".asset-card .asset-link").AllTextContentsAsync();
        Assert.Contains(world.SupplierAsset.Name, assets);
        Assert.Contains(world.PublicAsset.Name, assets);
        Assert.DoesNotContain(world.OtherAsset.Name, assets);
        Assert.Equal("1", await page.Locator("#asset-map").GetAttributeAsync("data-markers"));
    }

    [Theory]
    [BothProviders]
    public async Task Login_SaysWhy_AndStaysOnTheForm_WhenThePasswordIsWrong(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);

        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync("supplier@example.org");
        await page.GetByLabel("Password").FillAsync("wrong password");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/login", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, $"login-refused-{provider}");

        Assert.Equal(401, response.Status);
        Assert.Equal(AuthApi.WrongCredentialsMessage, await page.GetByRole(AriaRole.Alert).TextContentAsync());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Logout_EndsTheSession(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/");

        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }
}

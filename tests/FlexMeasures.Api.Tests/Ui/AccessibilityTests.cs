using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>
/// Every page for people with a screen reader, a keyboard or a phone: axe-core's rules (WCAG 2.1 A and AA) find
/// nothing, the skip link comes first on the keyboard, and nothing is wider than a phone.
/// </summary>
public sealed class AccessibilityTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    /// <summary>The pages to check, by a key the tests turn into an address of the world.</summary>
    public static TheoryData<DatabaseProvider, string> Pages()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var page in new[] { "login", "dashboard", "asset", "sensor" })
            {
                data.Add(provider, page);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoAccessibilityViolations(DatabaseProvider provider, string name)
    {
        var world = await worlds.GetAsync(provider);
        var page = await OpenAsync(world, name, viewport: null);

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}");
        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_FitsAPhoneScreen(DatabaseProvider provider, string name)
    {
        var world = await worlds.GetAsync(provider);
        var page = await OpenAsync(world, name, new ViewportSize { Width = 390, Height = 844 });
        await Browser.ScreenshotAsync(page, $"phone-{name}-{provider}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"{name} is {overflow} px wider than a 390 px phone screen");
    }

    [Theory]
    [BothProviders]
    public async Task Keyboard_ReachesTheSkipLinkFirst_AndItMovesFocusToTheContent(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await OpenAsync(world, "dashboard", viewport: null);

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.id");

        Assert.Equal("Skip to content", first);
        Assert.Equal("main", focused);
    }

    [Theory]
    [BothProviders]
    public async Task Login_WorksWithTheKeyboardAlone(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await page.GotoAsync("/login");

        // The email field is autofocused, but headless pages opened in parallel share one window focus, so the test
        // starts there itself; from then on only keys: Tab to the password, Enter submits.
        await page.Locator("#email").FocusAsync();
        await page.Keyboard.TypeAsync("supplier@example.org");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ApiWorld.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));

        Assert.Equal("Dashboard", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
    }

    private static async Task<IPage> OpenAsync(ApiWorld world, string name, ViewportSize? viewport)
    {
        var page = await Browser.NewPageAsync(world, viewport);
        if (name == "login")
        {
            Assert.Equal(200, (await page.GotoAsync("/login"))!.Status);
            return page;
        }

        await Browser.LoginAsync(page, "supplier");
        var path = name switch
        {
            "dashboard" => "/",
            "asset" => $"/assets/{world.SupplierAsset.Id}",
            "sensor" => $"/sensors/{world.GasSensor.Id}",
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such page"),
        };
        var response = await page.GotoAsync(path);

        // An error page would pass the checks too: the page itself must have been served.
        Assert.Equal(200, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }
}

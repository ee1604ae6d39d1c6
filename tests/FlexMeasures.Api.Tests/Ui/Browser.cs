using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/services.sh), driven by Playwright: one browser
/// process for the whole test run, a fresh context (own cookies) per test.
/// </summary>
internal static class Browser
{
    /// <summary>The system browser; Playwright downloads none. <c>FLEXMEASURES_TEST_CHROMIUM</c> names another.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("FLEXMEASURES_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    /// <summary>A new page in its own context, its relative URLs resolved against <paramref name="world"/>'s server.</summary>
    public static async Task<IPage> NewPageAsync(ApiWorld world, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        var browser = await Shared.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = world.Client.BaseAddress!.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the form as one of <see cref="ApiWorld.Users"/> and waits for the page it leads to.</summary>
    public static async Task LoginAsync(IPage page, string user, string? returnTo = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(returnTo is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnTo)}");
        await page.GetByLabel("Email").FillAsync($"{user}@example.org");
        await page.GetByLabel("Password").FillAsync(ApiWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/&lt;name&gt;.png</c> (for people to look at).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: scripts/services.sh installs Debian's chromium (or set FLEXMEASURES_TEST_CHROMIUM).");
        }

        var playwright = await Playwright.CreateAsync();

        // Tests run as root in CI containers, where Chromium's sandbox cannot start.
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FlexMeasures.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("FlexMeasures.slnx not found above " + AppContext.BaseDirectory);
    }
}

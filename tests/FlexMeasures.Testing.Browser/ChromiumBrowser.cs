using Microsoft.Playwright;

namespace FlexMeasures.Testing.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/services.sh), driven by Playwright: one browser
/// process for the whole test run, a fresh context (own cookies) per page.
/// </summary>
public static class ChromiumBrowser
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    /// <summary>The system browser; Playwright downloads none. <c>FLEXMEASURES_TEST_CHROMIUM</c> names another.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("FLEXMEASURES_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>A new page in its own context, its relative URLs resolved against <paramref name="site"/>.</summary>
    public static async Task<IPage> NewPageAsync(Uri site, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        var browser = await Shared.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        // Generous: a loaded 2-core machine can take seconds per step; a real failure still fails, only later.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the form and waits for the page it leads to.</summary>
    public static async Task LoginAsync(IPage page, string email, string password, string? returnTo = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(returnTo is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnTo)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
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

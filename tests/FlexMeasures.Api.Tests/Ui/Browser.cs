using FlexMeasures.Testing.Browser;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The shared Chromium (<see cref="ChromiumBrowser"/>) on an <see cref="ApiWorld"/>'s server, logged in as its users.</summary>
internal static class Browser
{
    /// <summary>A new page in its own context, its relative URLs resolved against <paramref name="world"/>'s server.</summary>
    public static Task<IPage> NewPageAsync(ApiWorld world, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        return ChromiumBrowser.NewPageAsync(world.Client.BaseAddress!, viewport);
    }

    /// <summary>Logs in through the form as one of <see cref="ApiWorld.Users"/> and waits for the page it leads to.</summary>
    public static Task LoginAsync(IPage page, string user, string? returnTo = null) =>
        ChromiumBrowser.LoginAsync(page, $"{user}@example.org", ApiWorld.Password, returnTo);

    /// <inheritdoc cref="ChromiumBrowser.ScreenshotAsync"/>
    public static Task ScreenshotAsync(IPage page, string name) => ChromiumBrowser.ScreenshotAsync(page, name);
}

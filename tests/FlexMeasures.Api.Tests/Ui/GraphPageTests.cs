using System.Text.Json.Nodes;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Testing;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The graphs of the asset and sensor pages, in Chromium, for a DST day whose data the test knows.</summary>
public sealed class GraphPageTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    /// <summary>30 March 2025 in Amsterdam: the clocks go forward, so the day has 23 hours, 92 quarter-hours.</summary>
    private static readonly DateTime DstDay = new(2025, 3, 29, 23, 0, 0, DateTimeKind.Utc);
    private const int QuartersOnDstDay = 92;

    /// <summary>Points per series on the DST day; the forecasts, an hour later, leave 4 of theirs to the next day.</summary>
    private const int InDay = QuartersOnDstDay;
    private static int _counter;

    [Theory]
    [BothProviders]
    public async Task AssetPage_DrawsEachGroupOfSensorsToShow_AndSwitchesPeriod(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (asset, power, price) = await SeedAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        await page.GotoAsync($"/assets/{asset.Id}?period=day&date=2025-03-30");
        var graph = await ReadyGraphAsync(page);
        await Browser.ScreenshotAsync(page, $"asset-graph-day-{provider}");

        Assert.Equal("2", await graph.GetAttributeAsync("data-charts"));
        Assert.Equal("3", await graph.GetAttributeAsync("data-series"));
        Assert.Equal((InDay * 3 - 4).ToString(System.Globalization.CultureInfo.InvariantCulture), await graph.GetAttributeAsync("data-points"));
        Assert.Equal("1", await graph.GetAttributeAsync("data-annotations"));
        var summary = JsonNode.Parse((await graph.GetAttributeAsync("data-summary"))!)!.AsArray();
        Assert.Equal(
            [$"{power.Id}:measurement", $"{power.Id}:forecast", $"{price.Id}:measurement"],
            summary.Select(s => $"{s!["sensor"]}:{s["kind"]}"));
        Assert.Contains("(23 hours)", await page.Locator("#graph-window").TextContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Week", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("period=week", StringComparison.Ordinal));
        graph = await ReadyGraphAsync(page);
        await Browser.ScreenshotAsync(page, $"asset-graph-week-{provider}");

        Assert.Contains("2025-03-24 to 2025-03-31 (167 hours)", await page.Locator("#graph-window").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal((InDay * 3 - 4).ToString(System.Globalization.CultureInfo.InvariantCulture), await graph.GetAttributeAsync("data-points"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous week" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("date=2025-03-17", StringComparison.Ordinal));
        graph = await ReadyGraphAsync(page);

        Assert.Equal("0", await graph.GetAttributeAsync("data-points"));
        Assert.Equal("No data in this period.", await page.Locator("#graph-status").TextContentAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SensorPage_DrawsMeasurementsAndForecasts_AndTakesADateFromThePicker(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (_, power, _) = await SeedAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        await page.GotoAsync($"/sensors/{power.Id}?period=day&date=2025-03-30");
        var graph = await ReadyGraphAsync(page);
        await page.Locator("#graph").HoverAsync(new() { Position = new() { X = 400, Y = 200 } });
        await Browser.ScreenshotAsync(page, $"sensor-graph-day-{provider}");

        Assert.Equal("1", await graph.GetAttributeAsync("data-charts"));
        Assert.Equal("2", await graph.GetAttributeAsync("data-series"));
        Assert.Equal((InDay * 2 - 4).ToString(System.Globalization.CultureInfo.InvariantCulture), await graph.GetAttributeAsync("data-points"));

        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2025-03-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("date=2025-03-31", StringComparison.Ordinal));
        graph = await ReadyGraphAsync(page);
        await Browser.ScreenshotAsync(page, $"sensor-graph-next-day-{provider}");

        // The forecasts run an hour into the next day; the measurements end with the DST day.
        Assert.Equal("1", await graph.GetAttributeAsync("data-series"));
        Assert.Equal("4", await graph.GetAttributeAsync("data-points"));
        Assert.Contains("(24 hours)", await page.Locator("#graph-window").TextContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_IsRefused_ForAnotherAccountsAsset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        var response = await page.GotoAsync($"/assets/{world.OtherAsset.Id}?period=day&date=2025-03-30");
        await Browser.ScreenshotAsync(page, $"asset-graph-refused-{provider}");

        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await page.Locator("#graph").CountAsync());
    }

    private static async Task<ILocator> ReadyGraphAsync(IPage page)
    {
        var graph = page.Locator("#graph");
        await page.Locator("#graph:not([data-state='loading'])").WaitForAsync();
        Assert.Equal("ready", await graph.GetAttributeAsync("data-state"));
        return graph;
    }

    /// <summary>
    /// An asset of the supplier with a power sensor (measured every quarter-hour of the DST day, and forecast an hour
    /// ahead from an hour later) and a price sensor; sensors_to_show stacks power over price; an annotation that day.
    /// </summary>
    private static async Task<(GenericAsset Asset, Sensor Power, Sensor Price)> SeedAsync(ApiWorld world)
    {
        var n = Interlocked.Increment(ref _counter);
        await using var db = world.Database.CreateContext();
        var asset = new GenericAsset { Name = $"graph asset {n}", AccountId = world.Supplier.Id, GenericAssetTypeId = world.AssetType.Id };
        db.Add(asset);
        await db.SaveChangesAsync();
        var power = new Sensor { Name = "power", Unit = "kW", EventResolution = TimeSpan.FromMinutes(15), Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id };
        var price = new Sensor { Name = "price", Unit = "EUR/MWh", EventResolution = TimeSpan.FromMinutes(15), Timezone = "Europe/Amsterdam", GenericAssetId = asset.Id };
        var meter = new DataSource { Name = $"graph meter {n}", Type = "user" };
        var forecaster = new DataSource { Name = $"graph forecaster {n}", Type = "forecaster", Model = "test" };
        db.AddRange(power, price, meter, forecaster);
        await db.SaveChangesAsync();
        asset.SensorsToShow = $$"""[{"title": "Power", "sensors": [{{power.Id}}]}, {"title": "Price", "sensor": {{price.Id}}}]""";
        for (var i = 0; i < QuartersOnDstDay; i++)
        {
            var start = DstDay + (i * TimeSpan.FromMinutes(15));
            db.Add(new TimedBelief { SensorId = power.Id, SourceId = meter.Id, EventStart = start, BeliefHorizon = TimeSpan.Zero, EventValue = 50 + (40 * Math.Sin(i / 8.0)) });
            db.Add(new TimedBelief { SensorId = power.Id, SourceId = forecaster.Id, EventStart = start + TimeSpan.FromHours(1), BeliefHorizon = TimeSpan.FromHours(1), EventValue = 55 + (35 * Math.Sin((i + 4) / 8.0)) });
            db.Add(new TimedBelief { SensorId = price.Id, SourceId = meter.Id, EventStart = start, BeliefHorizon = TimeSpan.Zero, EventValue = 80 + (i % 12) });
        }

        var annotation = new Annotation
        {
            Content = "Maintenance",
            Start = DstDay + TimeSpan.FromHours(9),
            End = DstDay + TimeSpan.FromHours(11),
            Type = AnnotationTypes.Label,
            SourceId = meter.Id,
        };
        annotation.Assets.Add(asset);
        db.Add(annotation);
        await db.SaveChangesAsync();
        return (asset, power, price);
    }
}

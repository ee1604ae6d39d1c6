using System.Net;
using System.Text;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FlexMeasures.Api.Tests.Ui;

/// <summary>The asset and sensor pages in Chromium: what they show, who may trigger jobs, and the CSV upload form.</summary>
public sealed class AssetAndSensorPageTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private static int _counter;

    [Theory]
    [BothProviders]
    public async Task AssetPage_ShowsPropertiesChildrenAndSensors_WhenTheUserMayRead(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (building, child, sensor) = await BuildingAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        var response = await page.GotoAsync($"/assets/{building.Id}");
        await Browser.ScreenshotAsync(page, $"asset-page-{provider}");

        Assert.Equal(200, response!.Status);
        Assert.Equal(building.Name, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        var properties = await page.Locator("#asset-properties").InnerTextAsync();
        Assert.Contains(world.AssetType.Name, properties, StringComparison.Ordinal);
        Assert.Contains(world.Supplier.Name, properties, StringComparison.Ordinal);
        Assert.Contains("52.1, 4.3", properties, StringComparison.Ordinal);
        Assert.Contains("The main building", properties, StringComparison.Ordinal);
        Assert.Contains("ext-" + building.Id, properties, StringComparison.Ordinal);
        Assert.Equal([child.Name], await page.Locator("#child-assets a").AllTextContentsAsync());
        Assert.Equal($"/assets/{child.Id}", await page.Locator("#child-assets a").GetAttributeAsync("href"));
        var sensorRow = await page.Locator($"#asset-sensors tr[data-sensor-id='{sensor.Id}']").InnerTextAsync();
        Assert.Contains(sensor.Name, sensorRow, StringComparison.Ordinal);
        Assert.Contains("kW", sensorRow, StringComparison.Ordinal);
        Assert.Contains("PT15M", sensorRow, StringComparison.Ordinal);
        Assert.Contains("\"site-power-capacity\": \"100 kW\"", await page.Locator("#asset-attributes").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"\"sensor\": {sensor.Id}", await page.Locator("#asset-flex-model").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = $"Forecast {sensor.Name}" }).CountAsync());

        // The child page links back to its parent.
        await page.Locator("#child-assets a").ClickAsync();
        Assert.Equal(building.Name, await page.Locator("#parent-asset").TextContentAsync());
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_ShowsAccessDenied_WhenTheAssetIsAnotherAccounts(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");

        var asset = await page.GotoAsync($"/assets/{world.OtherAsset.Id}");
        await Browser.ScreenshotAsync(page, $"asset-page-denied-{provider}");
        var sensor = await page.GotoAsync($"/sensors/{world.OtherSensor.Id}");

        Assert.Equal(403, asset!.Status);
        Assert.Equal(403, sensor!.Status);
        Assert.Equal("Access denied", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        Assert.DoesNotContain(world.OtherSensor.Name, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_HasNoTriggerButtonsOrUploadForm_WhenTheUserMayOnlyRead(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (building, _, sensor) = await BuildingAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "admin-reader");

        await page.GotoAsync($"/assets/{building.Id}");
        await Browser.ScreenshotAsync(page, $"asset-page-read-only-{provider}");
        // The graph's own controls (its period form's "Show") change nothing; the trigger buttons would.
        var buttons = await page.Locator("main button:not(.graph-controls button)").AllTextContentsAsync();
        var sensorsShown = await page.Locator("#asset-sensors tbody tr").CountAsync();
        await page.GotoAsync($"/sensors/{sensor.Id}");
        var uploadForms = await page.Locator("#upload-form").CountAsync();

        // A form made by hand, with a valid antiforgery token, is still refused: the handler asks the access policy.
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content") ?? "");
        form.Set("uploaded-files", Csv("meter.csv", "event_start,value\n2026-01-01T00:00:00+01:00,1\n"));
        var forged = await page.APIRequest.PostAsync($"/sensors/{sensor.Id}?handler=Upload", new() { Multipart = form });

        Assert.Empty(buttons);
        Assert.Equal(1, sensorsShown);
        Assert.Equal(0, uploadForms);
        Assert.Equal(403, forged.Status);
        Assert.Equal(0, await CountBeliefsAsync(world, sensor));
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_QueuesAForecastAndListsItsJob_WhenTheForecastButtonIsPressed(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (building, _, sensor) = await BuildingAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");
        await page.GotoAsync($"/assets/{building.Id}");

        await page.GetByLabel("Start (ISO 8601 with offset)").FillAsync("2026-01-01T00:00:00+01:00");
        await page.GetByLabel("Duration (ISO 8601)").FillAsync("PT12H");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Forecast {sensor.Name}" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var job = await page.Locator("#trigger-result code").TextContentAsync();
        await Browser.ScreenshotAsync(page, $"asset-page-forecast-queued-{provider}");
        await page.GotoAsync($"/assets/{building.Id}");
        var listed = await page.Locator("#asset-jobs").InnerTextAsync();

        Assert.False(string.IsNullOrEmpty(job));
        Assert.Contains(job, listed, StringComparison.Ordinal);
        Assert.Contains($"sensor: {sensor.Name} (Id: {sensor.Id})", listed, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_CountsItsTriggersAgainstTheApisTriggerLimit_ButNotRefusedOnes(DatabaseProvider provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string?> { ["FLEXMEASURES_API_TRIGGER_RATE_LIMIT"] = "1 per hour" });
        var (building, _, sensor) = await BuildingAsync(world);
        using var session = await PageSession.StartAsync(world, "supplier");
        KeyValuePair<string, string>[] Fields(string start) =>
            [new("Start", start), new("Duration", "PT12H"), new("SensorId", sensor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var page = $"/assets/{building.Id}";

        var (refused, _, _) = await session.PostFormAsync(page, $"{page}?handler=Forecast", Fields("2026-01-01T00:00:00"));
        var (accepted, _, acceptedHtml) = await session.PostFormAsync(page, $"{page}?handler=Forecast", Fields("2026-01-01T00:00:00+01:00"));
        var (limited, _, limitedHtml) = await session.PostFormAsync(page, $"{page}?handler=Forecast", Fields("2026-01-02T00:00:00+01:00"));
        var (api, _) = await world.AsAsync("supplier", HttpMethod.Post, $"/api/v3_0/sensors/{sensor.Id}/forecasts/trigger",
            new System.Text.Json.Nodes.JsonObject { ["start"] = "2026-01-03T00:00:00+01:00", ["duration"] = "PT12H" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Contains("id=\"trigger-result\"", acceptedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.Contains("You hit a rate limit", limitedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"trigger-result\"", limitedHtml, StringComparison.Ordinal);

        // One budget for the pages and the API.
        Assert.Equal(HttpStatusCode.TooManyRequests, api);
    }

    [Theory]
    [BothProviders]
    public async Task AssetPage_ShowsWhyAndQueuesNothing_WhenTheStartHasNoOffset(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var (building, _, _) = await BuildingAsync(world);
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");
        await page.GotoAsync($"/assets/{building.Id}");

        await page.GetByLabel("Start (ISO 8601 with offset)").FillAsync("2026-01-01T00:00:00");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, $"asset-page-trigger-refused-{provider}");

        Assert.Equal(422, response.Status);
        Assert.Contains("start", await page.Locator("#trigger-problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#trigger-result").CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SensorPage_StoresEveryRowAndShowsStats_WhenTheCsvIsGood(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");
        await page.GotoAsync($"/sensors/{sensor.Id}");
        await Browser.ScreenshotAsync(page, $"sensor-page-{provider}");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("meter.csv", "event_start,value\n2026-01-01T00:00:00+01:00,1.5\n2026-01-01T00:10:00+01:00,2.5\n2026-01-01T00:20:00+01:00,3\n"));
        await page.GetByLabel("Belief time measured instantly", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, $"sensor-page-uploaded-{provider}");

        Assert.Equal("3 beliefs stored.", await page.Locator("#upload-result").TextContentAsync());
        Assert.Equal(3, await CountBeliefsAsync(world, sensor));
        Assert.Equal("3", await page.Locator(".sensor-stats .stat-count").TextContentAsync());
        Assert.Equal("supplier", await page.Locator(".sensor-stats caption").TextContentAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SensorPage_NamesTheLineAndStoresNothing_WhenARowIsBad(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var page = await Browser.NewPageAsync(world);
        await Browser.LoginAsync(page, "supplier");
        await page.GotoAsync($"/sensors/{sensor.Id}");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("meter.csv", "event_start,value\n2026-01-01T00:00:00+01:00,1.5\n2026-01-01T00:10:00+01:00,abc\n"));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, $"sensor-page-upload-refused-{provider}");

        Assert.Equal(422, response.Status);
        Assert.Contains("meter.csv", await page.Locator("#upload-problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Line 3: 'abc'", await page.Locator("#upload-problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountBeliefsAsync(world, sensor));
        Assert.Equal(0, await page.Locator("#upload-result").CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SensorPage_FitsAPhone_AndUploadsWithTheKeyboard(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var page = await Browser.NewPageAsync(world, new ViewportSize { Width = 390, Height = 844 });
        await Browser.LoginAsync(page, "supplier");
        await page.GotoAsync($"/sensors/{sensor.Id}");
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("meter.csv", "event_start,value\n2026-01-01T00:00:00+01:00,7\n"));

        await page.GetByLabel("Unit of the values").FocusAsync();
        await page.Keyboard.TypeAsync("l/h");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#upload-result").WaitForAsync();
        await Browser.ScreenshotAsync(page, $"sensor-page-phone-{provider}");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.Equal("1 belief stored.", await page.Locator("#upload-result").TextContentAsync());
        Assert.Equal(0.007, (await SingleValueAsync(world, sensor)), 9);
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone.");
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private static async Task<int> CountBeliefsAsync(ApiWorld world, Sensor sensor)
    {
        await using var db = world.Database.CreateContext();
        return await db.TimedBeliefs.CountAsync(b => b.SensorId == sensor.Id);
    }

    private static async Task<double> SingleValueAsync(ApiWorld world, Sensor sensor)
    {
        await using var db = world.Database.CreateContext();
        return await db.TimedBeliefs.Where(b => b.SensorId == sensor.Id).Select(b => b.EventValue).SingleAsync();
    }

    /// <summary>A building of the supplier with a child asset and a battery power sensor named in its stored flex-model.</summary>
    private static async Task<(GenericAsset Building, GenericAsset Child, Sensor Sensor)> BuildingAsync(ApiWorld world)
    {
        var n = Interlocked.Increment(ref _counter);
        await using var db = world.Database.CreateContext();
        var building = new GenericAsset
        {
            Name = $"building {n}",
            AccountId = world.Supplier.Id,
            GenericAssetTypeId = world.AssetType.Id,
            Latitude = 52.1,
            Longitude = 4.3,
            Description = "The main building",
            Attributes = """{"site-power-capacity": "100 kW"}""",
        };
        db.GenericAssets.Add(building);
        await db.SaveChangesAsync();
        building.ExternalId = "ext-" + building.Id;
        var child = new GenericAsset { Name = $"battery {n}", AccountId = world.Supplier.Id, GenericAssetTypeId = world.AssetType.Id, ParentAssetId = building.Id };
        db.GenericAssets.Add(child);
        var sensor = new Sensor { Name = $"battery power {n}", Unit = "kW", EventResolution = TimeSpan.FromMinutes(15), Timezone = "Europe/Amsterdam", GenericAssetId = building.Id };
        db.Sensors.Add(sensor);
        await db.SaveChangesAsync();
        building.FlexModel = $$"""{"sensor": {{sensor.Id}}, "soc-at-start": "10 kWh", "soc-max": "20 kWh"}""";
        await db.SaveChangesAsync();
        return (building, child, sensor);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;

namespace FlexMeasures.Api.Tests.SensorData;

/// <summary><c>POST /api/v3_0/sensors/{id}/data/upload</c>: CSV files through the importer of <c>add beliefs</c>.</summary>
public sealed class SensorDataUploadTests(ApiWorlds worlds) : IClassFixture<ApiWorlds>
{
    private const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Rows = "event_start,value\n2021-06-07T00:00:00+02:00,1.5\n2021-06-07T00:10:00+02:00,2.5\n2021-06-07T00:20:00+02:00,3.5\n";

    [Theory]
    [BothProviders]
    public async Task Upload_StoresEveryFileUnderTheUsersSource_WhenTheFilesAreGood(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var second = "event_start,value\n2021-06-07T01:00:00+02:00,4000\n2021-06-07T01:10:00+02:00,5000\n";

        var (status, body) = await UploadAsync(world, "supplier", sensor.Id, [("a.csv", Rows), ("b.csv", second)], new() { ["unit"] = "l/h", ["belief-time-measured-instantly"] = "on" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PROCESSED", body!["status"]!.GetValue<string>());
        Assert.Equal("Request has been processed.", body["message"]!.GetValue<string>());
        var beliefs = await SensorDataTests.BeliefsAsync(world, sensor.Id);
        Assert.Equal([0.0015, 0.0025, 0.0035, 4, 5], beliefs.Select(b => Math.Round(b.EventValue, 6)));
        Assert.Equal(new DateTime(2021, 6, 6, 22, 0, 0, DateTimeKind.Utc), beliefs[0].EventStart);
        Assert.All(beliefs, b => Assert.Equal(TimeSpan.Zero, b.BeliefHorizon));
        var source = await SensorDataTests.SourceOfAsync(world, "supplier");
        Assert.All(beliefs, b => Assert.Equal(source.Id, b.SourceId));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_AnswersAlreadyReceived_WhenTheSameFileComesAgain(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var measured = new Dictionary<string, string> { ["belief-time-measured-instantly"] = "True" };

        var (first, _) = await UploadAsync(world, "supplier", sensor.Id, [("meter.csv", Rows)], measured);
        var (again, body) = await UploadAsync(world, "supplier", sensor.Id, [("meter.csv", Rows)], measured);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED", body!["status"]!.GetValue<string>());
        Assert.Equal(3, (await SensorDataTests.BeliefsAsync(world, sensor.Id)).Count);
    }

    [Theory]
    [BothProviders]
    public async Task Upload_Is422NamingFileAndLine_AndStoresNothing_WhenARowIsBad(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var bad = "event_start,value\n2021-06-07T02:00:00+02:00,1\n2021-06-07T02:10:00+02:00,abc\n";

        // The good file comes first: its rows must not stay behind either.
        var (status, body) = await UploadAsync(world, "supplier", sensor.Id, [("good.csv", Rows), ("bad.csv", bad)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("UNPROCESSABLE_ENTITY", body!["status"]!.GetValue<string>());
        var message = body["message"]!["combined_sensor_data_upload"]!["uploaded-files"]![0]!.GetValue<string>();
        Assert.StartsWith("Invalid content in file: bad.csv. Failed with: Line 3: 'abc' in column 1 is not a number", message, StringComparison.Ordinal);
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor.Id));
    }

    public static IEnumerable<object[]> BadFormCases() => ProviderCases.Cross(
        ["unit", "m", "_schema", "Provided unit 'm' is not convertible to sensor unit 'm³/h'"],
        ["cp", "1.5", "cp", "must be between 0 and 1"],
        ["horizon", "an hour", "horizon", "Unable to parse duration"],
        ["ambiguous", "sometimes", "ambiguous", "Must be one of: error, earliest, latest."],
        ["belief-time-measured-instantly", "maybe", "belief-time-measured-instantly", "Not a valid boolean."],
        ["allow-overwrite", "true", "allow-overwrite", "Unknown field."],
        ["timezone", "Mars/Olympus", "timezone", "is not an IANA time zone name"]);

    [Theory]
    [MemberData(nameof(BadFormCases))]
    public async Task Upload_Is422NamingTheField_AndStoresNothing_WhenAFieldIsBad(DatabaseProvider provider, string field, string value, string errorField, string expected)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (status, body) = await UploadAsync(world, "supplier", sensor.Id, [("meter.csv", "event_start,value\n2021-06-07 00:00:00,1\n")], new() { [field] = value });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(expected, body!["message"]!["combined_sensor_data_upload"]![errorField]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_Is422_WhenNoFileOrNeitherCsvNorExcelIsSent(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (none, noneBody) = await UploadAsync(world, "supplier", sensor.Id, [], new() { ["unit"] = "m³/h" });
        var (text, textBody) = await UploadAsync(world, "supplier", sensor.Id, [("meter.txt", Rows)]);
        var (xls, xlsBody) = await UploadAsync(world, "supplier", sensor.Id, [("meter.xls", Rows)]);
        var (fake, fakeBody) = await UploadAsync(world, "supplier", sensor.Id, [("meter.xlsx", Rows)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none);
        Assert.Equal("Missing data for required field.", FilesError(noneBody));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text);
        Assert.Equal("Invalid filename: meter.txt. Only CSV or Excel files are accepted.", FilesError(textBody));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, xls);
        Assert.Equal("Invalid filename: meter.xls. Excel 97-2003 workbooks (.xls) are not read; save it as .xlsx.", FilesError(xlsBody));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake);
        Assert.StartsWith("'meter.xlsx' cannot be read as an Excel workbook (.xlsx, .xlsm)", FilesError(fakeBody), StringComparison.Ordinal);
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_StoresTheFirstSheetOfAnExcelWorkbook_OrTheSheetNumberGiven(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var first = await world.NewGasSensorAsync();
        var second = await world.NewGasSensorAsync();

        // Date cells have no zone (read in the sensor's, Europe/Amsterdam); text with an offset keeps it.
        var workbook = Workbooks.Xlsx(
            ("Meter", [["event_start", "value"], [new DateTime(2021, 6, 7, 0, 0, 0), 1.5], [new DateTime(2021, 6, 7, 0, 10, 0), 2.5], ["2021-06-06T22:20:00Z", 3.5]]),
            ("Other", [["event_start", "value"], [new DateTime(2021, 6, 8, 0, 0, 0), 7.0]]));

        var (status, body) = await UploadFilesAsync(world, "supplier", first.Id, [("meter.xlsx", workbook, ExcelType)], new() { ["belief-time-measured-instantly"] = "on" });
        var (other, _) = await UploadFilesAsync(world, "supplier", second.Id, [("meter.xlsx", workbook, ExcelType)], new() { ["sheet-number"] = "1", ["horizon"] = "PT0H" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PROCESSED", body!["status"]!.GetValue<string>());
        var beliefs = await SensorDataTests.BeliefsAsync(world, first.Id);
        Assert.Equal([1.5, 2.5, 3.5], beliefs.Select(b => b.EventValue));
        Assert.Equal(
            [new DateTime(2021, 6, 6, 22, 0, 0, DateTimeKind.Utc), new DateTime(2021, 6, 6, 22, 10, 0, DateTimeKind.Utc), new DateTime(2021, 6, 6, 22, 20, 0, DateTimeKind.Utc)],
            beliefs.Select(b => b.EventStart));
        Assert.All(beliefs, b => Assert.Equal(TimeSpan.Zero, b.BeliefHorizon));
        Assert.Equal(HttpStatusCode.OK, other);
        var fromSecondSheet = Assert.Single(await SensorDataTests.BeliefsAsync(world, second.Id));
        Assert.Equal((new DateTime(2021, 6, 7, 22, 0, 0, DateTimeKind.Utc), 7.0), (fromSecondSheet.EventStart, fromSecondSheet.EventValue));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_Is422NamingFileSheetAndRow_AndStoresNothing_WhenAWorkbookRowIsBad(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var bad = Workbooks.Xlsx(("Meter", [["event_start", "value"], ["2021-06-07T02:00:00+02:00", 1.0], ["2021-06-07T02:10:00+02:00", "abc"]]));
        var good = Workbooks.Xlsx(("Meter", [["event_start", "value"], ["2021-06-07T03:00:00+02:00", 1.0]]));

        // The good files come first: their rows must not stay behind either.
        var (status, body) = await UploadFilesAsync(world, "supplier", sensor.Id, [("good.csv", Encoding.UTF8.GetBytes(Rows), "text/csv"), ("good.xlsx", good, ExcelType), ("bad.xlsx", bad, ExcelType)]);
        var (sheet, sheetBody) = await UploadFilesAsync(world, "supplier", sensor.Id, [("good.xlsx", good, ExcelType)], new() { ["sheet-number"] = "1" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Invalid content in file: bad.xlsx. Failed with: Sheet 'Meter', row 3: 'abc' in column 1 is not a number.", FilesError(body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sheet);
        Assert.Equal(
            "'good.xlsx' has 1 sheet(s), numbered from 0; there is no sheet 1",
            sheetBody!["message"]!["combined_sensor_data_upload"]!["sheet-number"]![0]!.GetValue<string>());
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_Is401Or403AndStoresNothing_WhenAnonymousOrFromAnotherAccount(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();

        var (anonymous, anonymousBody) = await UploadAsync(world, null, sensor.Id, [("meter.csv", Rows)]);
        var (other, otherBody) = await UploadAsync(world, "other", sensor.Id, [("meter.csv", Rows)]);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("UNAUTHORIZED", anonymousBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Equal("INVALID_SENDER", otherBody!["status"]!.GetValue<string>());
        Assert.Empty(await SensorDataTests.BeliefsAsync(world, sensor.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Upload_ReadsTheCsvOptionsOfAddBeliefs(DatabaseProvider provider)
    {
        var world = await worlds.GetAsync(provider);
        var sensor = await world.NewGasSensorAsync();
        var csv = "# meter export\nwhen;reading\n07/06/2021 00:00;1,5\n07/06/2021 00:10;2,5\n";

        var (status, _) = await UploadAsync(world, "supplier", sensor.Id, [("export.csv", csv)], new()
        {
            ["skiprows"] = "2",
            ["delimiter"] = ";",
            ["decimal"] = ",",
            ["date-format"] = "dd/MM/yyyy HH:mm",
            ["timezone"] = "UTC",
            ["horizon"] = "PT1H",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var beliefs = await SensorDataTests.BeliefsAsync(world, sensor.Id);
        Assert.Equal([1.5, 2.5], beliefs.Select(b => b.EventValue));
        Assert.Equal(new DateTime(2021, 6, 7, 0, 0, 0, DateTimeKind.Utc), beliefs[0].EventStart);
        Assert.All(beliefs, b => Assert.Equal(TimeSpan.FromHours(1), b.BeliefHorizon));
    }

    private static string FilesError(JsonNode? body) => body!["message"]!["combined_sensor_data_upload"]!["uploaded-files"]![0]!.GetValue<string>();

    internal static Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(
        ApiWorld world, string? user, int sensorId, IReadOnlyList<(string Name, string Content)> files, Dictionary<string, string>? fields = null) =>
        UploadFilesAsync(world, user, sensorId, [.. files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Content), "text/csv"))], fields);

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> UploadFilesAsync(
        ApiWorld world, string? user, int sensorId, IReadOnlyList<(string Name, byte[] Content, string ContentType)> files, Dictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, content, contentType) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "uploaded-files", name);
        }

        foreach (var (key, value) in fields ?? [])
        {
            form.Add(new StringContent(value), key);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v3_0/sensors/{sensorId}/data/upload", UriKind.Relative)) { Content = form };
        if (user is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", await world.TokenAsync(user));
        }

        using var response = await world.Client.SendAsync(request);
        return (response.StatusCode, await ApiWorld.ReadJsonAsync(response));
    }
}

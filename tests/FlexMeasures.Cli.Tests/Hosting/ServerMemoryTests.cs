using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlexMeasures.Cli.Tests.Jobs;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlexMeasures.Cli.Tests.Hosting;

/// <summary>
/// The web server's memory while it answers the largest sensor-data read it allows, measured on the real
/// <c>flexmeasures run</c> process (its peak resident set, from /proc), not on this test process.
/// </summary>
public sealed class ServerMemoryTests(ITestOutputHelper output)
{
    private const int AllowedValues = 500_000;
    // Measured growth was 31 MiB (PostgreSQL) and 73 MiB (SQLite) on a shared machine; the bound leaves room for GC timing.
    private const long BoundBytes = 256L * 1024 * 1024;
    private static readonly DateTime Start = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task Server_StaysWithinItsMemoryBound_WhileAnsweringTheLargestAllowedRead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var sensorId = await SeedMinuteSensorAsync(database, AllowedValues);
        var port = PrivateProcesses.FreePort();
        var environment = new Dictionary<string, string?>(database.Environment) { ["SECRET_KEY"] = "memory test key", ["Forecasting__OnNewData"] = "false" };
        using var server = WorkerProcess.StartCommand(["run", "--urls", $"http://127.0.0.1:{port}"], environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        var token = await LoginAsync(client, server);
        var small = await ReadAsync(client, token, sensorId, "P1D");
        var before = Memory(server.Id, "VmRSS");

        var largest = await ReadAsync(client, token, sensorId, "P347DT5H20M");
        var peakAfterLargest = Memory(server.Id, "VmHWM");
        var tooLarge = await ReadAsync(client, token, sensorId, "P10000D");
        var peakAfterRefused = Memory(server.Id, "VmHWM");

        output.WriteLine($"{provider}: resident {before / 1048576} MiB before, peak {peakAfterLargest / 1048576} MiB answering {AllowedValues} values, {peakAfterRefused / 1048576} MiB after the refused read.");
        Assert.Equal((HttpStatusCode.OK, 1440), (small.Status, small.Values));
        Assert.Equal((HttpStatusCode.OK, AllowedValues), (largest.Status, largest.Values));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.Status);
        Assert.True(
            peakAfterLargest - before < BoundBytes,
            $"The server grew from {before / 1048576} MiB to a peak of {peakAfterLargest / 1048576} MiB answering {AllowedValues} values.");
        Assert.True(
            peakAfterRefused - peakAfterLargest < 50L * 1024 * 1024,
            $"Refusing a read of 10,000 days took the peak from {peakAfterLargest / 1048576} MiB to {peakAfterRefused / 1048576} MiB.");
    }

    private static async Task<int> SeedMinuteSensorAsync(TestDatabase database, int count)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var account = await services.GetRequiredService<AccountService>().CreateAsync("Memory", [], null, actor: null, CancellationToken.None);
        await services.GetRequiredService<UserService>().CreateAsync(new NewUser("reader", "reader@example.org", account.Id, "a long enough password", [], "UTC"), CancellationToken.None);
        var db = services.GetRequiredService<FlexMeasuresDbContext>();
        var type = new GenericAssetType { Name = "meter" };
        db.GenericAssetTypes.Add(type);
        await db.SaveChangesAsync();
        var asset = new GenericAsset { Name = "meter", AccountId = account.Id, GenericAssetTypeId = type.Id };
        db.GenericAssets.Add(asset);
        await db.SaveChangesAsync();
        var sensor = new Sensor { Name = "power", Unit = "kW", EventResolution = TimeSpan.FromMinutes(1), Timezone = "UTC", GenericAssetId = asset.Id };
        var source = new DataSource { Name = "meter", Type = "demo script" };
        db.AddRange(sensor, source);
        await db.SaveChangesAsync();
        var beliefs = Enumerable.Range(0, count).Select(i => new NewBelief(Start.AddMinutes(i), TimeSpan.Zero, i % 1000));
        await services.GetRequiredService<BeliefStore>().SaveAsync(sensor.Id, source.Id, beliefs, false, CancellationToken.None);
        return sensor.Id;
    }

    private static async Task<string> LoginAsync(HttpClient client, WorkerProcess server)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(server.HasExited, server.Output);
            try
            {
                using var response = await client.PostAsJsonAsync("/api/requestAuthToken", new { email = "reader@example.org", password = "a long enough password" });
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return body.RootElement.GetProperty("auth_token").GetString()!;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The server did not start: {server.Output}");
    }

    private static async Task<(HttpStatusCode Status, int Values)> ReadAsync(HttpClient client, string token, int sensorId, string duration)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v3_0/sensors/{sensorId}/data?start=2023-01-01T00:00:00%2B00:00&duration={duration}&unit=kW", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var body = await JsonDocument.ParseAsync(stream);
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? body.RootElement.GetProperty("values").GetArrayLength() : 0);
    }

    /// <summary>A field of /proc/PID/status in bytes: VmRSS (resident now) or VmHWM (peak resident so far).</summary>
    private static long Memory(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

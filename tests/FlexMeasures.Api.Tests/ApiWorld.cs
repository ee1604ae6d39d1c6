using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Users;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests;

/// <summary>
/// A running server on a migrated database of one provider, with FlexMeasures' API test structure: a supplier
/// account (with a consultancy) holding a gas sensor (m³/h, 10 min) and a temperature sensor (°C, instantaneous),
/// another account with its own asset and sensor, a public asset, and users of every role.
/// </summary>
public sealed class ApiWorld : IAsyncDisposable
{
    public const string Password = "correct horse battery";
    public const string TaskCheckToken = "task-check-secret";
    public const long MaxBodyBytes = 200_000;

    private readonly Dictionary<string, string> _tokens = [];
    private int _sensorCounter;

    private ApiWorld(TestDatabase database, ApiServer server)
    {
        Database = database;
        Server = server;
    }

    public TestDatabase Database { get; }

    internal ApiServer Server { get; }

    public HttpClient Client => Server.Client;

    public Account Supplier { get; private set; } = null!;

    public Account Other { get; private set; } = null!;

    public Account Consultancy { get; private set; } = null!;

    public GenericAsset SupplierAsset { get; private set; } = null!;

    public GenericAsset OtherAsset { get; private set; } = null!;

    public GenericAsset PublicAsset { get; private set; } = null!;

    public Sensor GasSensor { get; private set; } = null!;

    public Sensor TemperatureSensor { get; private set; } = null!;

    public Sensor OtherSensor { get; private set; } = null!;

    public Sensor PublicSensor { get; private set; } = null!;

    public GenericAssetType AssetType { get; private set; } = null!;

    /// <summary>Users by role name: supplier, supplier-admin, other, other-admin, consultant, admin, admin-reader.</summary>
    public Dictionary<string, User> Users { get; } = [];

    /// <param name="replaceServices">Replaces services of the web host after its own registrations (e.g. a <c>FakeTimeProvider</c>).</param>
    public static async Task<ApiWorld> CreateAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null) =>
        await CreateAsync(await TestDatabase.CreateMigratedAsync(provider), settings, replaceServices);

    /// <summary>A world on a database made by the caller (e.g. on a private PostgreSQL server); disposed with the world.</summary>
    /// <inheritdoc cref="CreateAsync(DatabaseProvider, IReadOnlyDictionary{string, string?}?, Action{IServiceCollection}?)"/>
    public static async Task<ApiWorld> CreateAsync(
        TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var environment = new Dictionary<string, string?>(database.Environment)
        {
            ["SECRET_KEY"] = "test secret key",
            ["Api__MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api__TaskCheckAuthToken"] = TaskCheckToken,

            // Tests count what they store; forecasts of posted data would add to it (ForecastsApiTests trigger their own).
            ["Forecasting__OnNewData"] = "false",

            // Tests send requests and triggers faster than any client should; RateLimitTests set small limits themselves.
            ["FLEXMEASURES_API_DEFAULT_RATE_LIMIT"] = "1000000 per hour",
            ["FLEXMEASURES_API_TRIGGER_RATE_LIMIT"] = "1000000 per hour",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var world = new ApiWorld(database, await ApiServer.StartAsync(FlexMeasuresConfiguration.Build(environment), replaceServices));
        await world.PopulateAsync();
        return world;
    }

    private async Task PopulateAsync()
    {
        await using (var db = Database.CreateContext())
        {
            Consultancy = new Account { Name = "Consultancy" };
            db.Accounts.Add(Consultancy);
            await db.SaveChangesAsync();
            Supplier = new Account { Name = "Supplier", ConsultancyAccountId = Consultancy.Id };
            Other = new Account { Name = "Other" };
            AssetType = new GenericAssetType { Name = "gas meter" };
            db.AddRange(Supplier, Other, AssetType);
            await db.SaveChangesAsync();
            SupplierAsset = new GenericAsset { Name = "gas meter", AccountId = Supplier.Id, GenericAssetTypeId = AssetType.Id };
            OtherAsset = new GenericAsset { Name = "other meter", AccountId = Other.Id, GenericAssetTypeId = AssetType.Id };
            PublicAsset = new GenericAsset { Name = "public weather station", AccountId = null, GenericAssetTypeId = AssetType.Id, Latitude = 52, Longitude = 4 };
            db.AddRange(SupplierAsset, OtherAsset, PublicAsset);
            await db.SaveChangesAsync();
            GasSensor = GasSensorOn(SupplierAsset.Id, "some gas sensor");
            TemperatureSensor = new Sensor { Name = "some temperature sensor", Unit = "°C", EventResolution = TimeSpan.Zero, Timezone = "Europe/Amsterdam", GenericAssetId = SupplierAsset.Id };
            OtherSensor = GasSensorOn(OtherAsset.Id, "other gas sensor");
            PublicSensor = new Sensor { Name = "irradiance", Unit = "W/m²", EventResolution = TimeSpan.FromHours(1), Timezone = "Europe/Amsterdam", GenericAssetId = PublicAsset.Id };
            db.AddRange(GasSensor, TemperatureSensor, OtherSensor, PublicSensor);
            await db.SaveChangesAsync();
        }

        await AddUserAsync("supplier", Supplier.Id);
        await AddUserAsync("supplier-admin", Supplier.Id, UserRoles.AccountAdmin);
        await AddUserAsync("other", Other.Id);
        await AddUserAsync("other-admin", Other.Id, UserRoles.AccountAdmin);
        await AddUserAsync("consultant", Consultancy.Id, UserRoles.Consultant);
        await AddUserAsync("admin", Other.Id, UserRoles.Admin);
        await AddUserAsync("admin-reader", Other.Id, UserRoles.AdminReader);
    }

    private async Task AddUserAsync(string name, int accountId, params string[] roles)
    {
        using var scope = Database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        Users[name] = await users.CreateAsync(new NewUser(name, $"{name}@example.org", accountId, Password, roles), CancellationToken.None);
    }

    public static Sensor GasSensorOn(int assetId, string name) =>
        new() { Name = name, Unit = "m³/h", EventResolution = TimeSpan.FromMinutes(10), Timezone = "Europe/Amsterdam", GenericAssetId = assetId };

    /// <summary>A fresh gas sensor on the supplier's asset, for tests that count what they store.</summary>
    public async Task<Sensor> NewGasSensorAsync(Action<Sensor>? configure = null)
    {
        var sensor = GasSensorOn(SupplierAsset.Id, $"gas sensor {Interlocked.Increment(ref _sensorCounter)}");
        configure?.Invoke(sensor);
        await using var db = Database.CreateContext();
        db.Sensors.Add(sensor);
        await db.SaveChangesAsync();
        return sensor;
    }

    /// <summary>A token for one of <see cref="Users"/>, logged in once.</summary>
    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var token))
        {
            return token;
        }

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/requestAuthToken", null, new JsonObject { ["email"] = $"{user}@example.org", ["password"] = Password });
        Assert.Equal(HttpStatusCode.OK, status);
        token = body!["auth_token"]!.GetValue<string>();
        _tokens[user] = token;
        return token;
    }

    /// <summary>Sends a request as <paramref name="user"/> (a key of <see cref="Users"/>, or null for anonymous).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> AsAsync(string? user, HttpMethod method, string path, JsonNode? body = null) =>
        await SendAsync(method, path, user is null ? null : await TokenAsync(user), body);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        using var response = await SendRawAsync(method, path, token, body?.ToJsonString(), "application/json");
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? token, string? content, string? contentType)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The body as JSON, asserting that it is JSON (every answer of the API is).</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One <see cref="ApiWorld"/> per provider for all tests of a class (created on first use).</summary>
public sealed class ApiWorlds : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<ApiWorld>> _worlds = [];
    private readonly Lock _lock = new();

    public Task<ApiWorld> GetAsync(DatabaseProvider provider)
    {
        lock (_lock)
        {
            if (!_worlds.TryGetValue(provider, out var world))
            {
                world = ApiWorld.CreateAsync(provider);
                _worlds[provider] = world;
            }

            return world;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsCompletedSuccessfully))
        {
            await (await world).DisposeAsync();
        }
    }
}

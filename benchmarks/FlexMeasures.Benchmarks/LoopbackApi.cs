using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FlexMeasures.Benchmarks;

/// <summary>A logged-in HTTP client for a platform server on this machine; the benchmarks never target another.</summary>
internal static class LoopbackApi
{
    /// <summary>The client and an auth token of the user; null (after saying why) when the server is not on loopback.</summary>
    public static async Task<(HttpClient Http, string Token)?> LoginAsync(Uri server, string email, string password)
    {
        if (!server.IsLoopback)
        {
            Console.Error.WriteLine("The benchmarks only target a server on this machine (loopback).");
            return null;
        }

        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var login = await http.PostAsJsonAsync("/api/requestAuthToken", new { email, password });
        login.EnsureSuccessStatusCode();
        return (http, (await login.Content.ReadFromJsonAsync<JsonObject>())!["auth_token"]!.GetValue<string>());
    }
}

using FlexMeasures.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests;

/// <summary>The real web host on a free loopback port, with an HTTP client pointed at it.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>The server's own services (its job queue, its options).</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="replaceServices">Replaces services of the host after its own registrations (a fake clock, an interceptor).</param>
    public static async Task<ApiServer> StartAsync(IConfiguration configuration, Action<IServiceCollection>? replaceServices = null)
    {
        var app = FlexMeasuresApiHost.Build(configuration, ["http://127.0.0.1:0"], replaceServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

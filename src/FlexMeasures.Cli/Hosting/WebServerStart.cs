using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace FlexMeasures.Cli.Hosting;

/// <summary>What <c>run</c> and <c>quickstart</c> share: checking <c>--urls</c> and starting the server with a one-line error.</summary>
internal static class WebServerStart
{
    /// <summary>Refuses an address Kestrel cannot listen on, naming it, before anything is started.</summary>
    /// <exception cref="CliUserException">Not http(s)://host:port with a port from 0 to 65535.</exception>
    public static IReadOnlyList<string> CheckUrls(IEnumerable<string> urls)
    {
        var list = urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var url in list)
        {
            var scheme = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http://"
                : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https://"
                : null;
            var authority = scheme is null ? "" : url[scheme.Length..].Split('/')[0];
            var colon = authority.LastIndexOf(':');
            var portText = colon >= 0 && !authority.EndsWith(']') ? authority[(colon + 1)..] : null;
            var host = portText is null ? authority : authority[..colon];
            if (scheme is null || host.Length == 0
                || (portText is not null && !(int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)))
            {
                throw new CliUserException($"--urls: '{url}' is not an address to listen on; use http://host:port, e.g. http://localhost:5000.");
            }
        }

        return list;
    }

    /// <summary>Starts the server; a port in use (or another failure to listen) is one line naming the address.</summary>
    /// <exception cref="CliUserException">Kestrel could not listen.</exception>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException)
        {
            throw new CliUserException($"--urls: {e.Message.TrimEnd('.')}. Stop the program using it or choose another address with --urls.");
        }
    }
}

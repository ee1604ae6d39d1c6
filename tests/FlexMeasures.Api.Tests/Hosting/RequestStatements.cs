using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Tests.Hosting;

/// <summary>
/// Records the SQL statements the web host sends while serving each request path (an EF Core command interceptor,
/// which also sees the belief reader's raw SQL). Statements outside a request are not recorded.
/// </summary>
internal sealed class RequestStatements(IHttpContextAccessor http) : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byPath = new(StringComparer.Ordinal);

    /// <summary>Registers the recorder in a web host (for <see cref="ApiWorld.CreateAsync(FlexMeasures.Data.Database.DatabaseProvider, IReadOnlyDictionary{string, string?}?, Action{IServiceCollection}?)"/>).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<RequestStatements>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<RequestStatements>());
    }

    public static RequestStatements Of(ApiWorld world) => world.Server.Services.GetRequiredService<RequestStatements>();

    /// <summary>The statements sent for requests to <paramref name="path"/> (without query string), in order.</summary>
    public IReadOnlyList<string> For(string path) => _byPath.TryGetValue(path, out var statements) ? [.. statements] : [];

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (http.HttpContext?.Request.Path.Value is { } path)
        {
            _byPath.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(result.CommandText);
        }

        return base.CommandInitialized(eventData, result);
    }
}

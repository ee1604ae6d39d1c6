using System.CommandLine;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlexMeasures.Cli.Hosting;

/// <summary><c>flexmeasures run</c>: the web host.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on, e.g. http://localhost:5000 (several may be given).",
            DefaultValueFactory = _ => ["http://localhost:5000"],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("run", "Run the web server (REST API and health endpoints).") { urls };
        command.SetAction((parse, ct) => context.RunAsync(
            async (_, token) =>
            {
                var listen = WebServerStart.CheckUrls(parse.GetValue(urls)!);
                await using var app = FlexMeasuresApiHost.Build(context.Configuration, listen);
                await app.Services.GetRequiredService<SchemaMigrator>().EnsureReadyAsync(token);
                var connection = app.Services.GetRequiredService<DatabaseConnection>();
                await context.Out.WriteLineAsync($"FlexMeasures on {connection.Description}, listening on {string.Join(", ", listen)} (Ctrl-C stops).");
                await context.Out.FlushAsync(token);
                await WebServerStart.StartAsync(app, token);
                await app.WaitForShutdownAsync(token);
                return 0;
            },
            ct));
        return command;
    }
}

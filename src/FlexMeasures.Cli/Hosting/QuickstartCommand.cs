using System.CommandLine;
using System.Globalization;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Cli.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Demo;
using FlexMeasures.Data.Schema;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlexMeasures.Cli.Hosting;

/// <summary>
/// <c>flexmeasures quickstart</c>: the toy account with a few weeks of data, day-ahead forecasts computed
/// through the job queue, and the web server, with a login and curl lines that work.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://localhost:5000" };
        var days = new Option<int>("--days") { Description = "Days of made-up measurements, up to today.", DefaultValueFactory = _ => 28 };
        var command = new Command("quickstart", "Load a toy account with data and forecasts, and run the server (try the platform in one command).") { urls, days };
        command.SetAction((parse, ct) => context.RunAsync(
            async (_, token) =>
            {
                await using var app = FlexMeasuresApiHost.Build(context.Configuration, WebServerStart.CheckUrls([parse.GetValue(urls)!]));
                await app.Services.GetRequiredService<SchemaMigrator>().EnsureReadyAsync(token);
                await context.Out.WriteLineAsync($"Loading the toy account into {app.Services.GetRequiredService<DatabaseConnection>().Description} …");
                ToySensors toy;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    toy = await scope.ServiceProvider.GetRequiredService<ToyAccount>().EnsureAsync(AddCommands.ToyPassword, parse.GetValue(days), token);
                }

                // Day-ahead forecasts of today's consumption, computed by the job queue: the web host works the
                // in-process queue; with Redis, workers started by `flexmeasures jobs run-worker` do.
                var queue = app.Services.GetRequiredService<JobQueueClient>();
                var today = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
                var jobs = new[] { TimeSpan.FromHours(24), TimeSpan.FromHours(48) }
                    .Select(h => queue.EnqueueForecast(new ForecastRun(toy.Consumption, today, today.AddDays(1), h, ForecastModels.Default)))
                    .ToList();

                await WebServerStart.StartAsync(app, token);
                var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()
                    .Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
                await context.Out.WriteLineAsync(Instructions(address, toy, today, jobs, queue.IsInProcess));
                await context.Out.FlushAsync(token);
                await app.WaitForShutdownAsync(token);
                return 0;
            },
            ct));
        return command;
    }

    /// <summary>What to do next: the login and three curl lines (get a token, read data, post data).</summary>
    internal static string Instructions(string address, ToySensors toy, DateTime today, IReadOnlyList<string> jobs, bool inProcess)
    {
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var todayText = today.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        return $$"""

            FlexMeasures is running at {{address}} (Ctrl-C stops it). API documentation: {{address}}/api/docs
            Log in as {{ToyAccount.UserEmail}} with password {{AddCommands.ToyPassword}}.
            Job dashboard: {{address}}/tasks (log in as {{ToyAccount.AdminEmail}}, same password).
            Queued {{jobs.Count}} forecasting jobs (day-ahead forecasts of today's consumption){{(inProcess ? "; this server works them." : "; start a worker: flexmeasures jobs run-worker --queue forecasting")}}

            # 1. Get a token
            TOKEN=$(curl -s -X POST {{address}}/api/requestAuthToken -H 'Content-Type: application/json' -d '{"email": "{{ToyAccount.UserEmail}}", "password": "{{AddCommands.ToyPassword}}"}' | sed -E 's/.*"auth_token": *"([^"]+)".*/\1/')
            # 2. Read yesterday's consumption and today's forecast, hourly
            curl -s "{{address}}/api/v3_0/sensors/{{toy.Consumption}}/data?start={{yesterday}}%2B00:00&duration=P2D&resolution=PT1H&unit=kW" -H "Authorization: $TOKEN"
            # 3. Post today's first hour of consumption (four quarter-hours)
            curl -s -X POST {{address}}/api/v3_0/sensors/{{toy.Consumption}}/data -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d '{"values": [41.5, 42, 40.8, 43.1], "start": "{{todayText}}+00:00", "duration": "PT1H", "unit": "kW"}'

            """;
    }
}

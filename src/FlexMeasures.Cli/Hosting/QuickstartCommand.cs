using System.CommandLine;
using System.Globalization;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Cli.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Demo;
using FlexMeasures.Data.Schema;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
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

                // A battery schedule for tomorrow against the price forecasts, from the flex-model stored on the toy battery.
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var run = await scope.ServiceProvider.GetRequiredService<SchedulePlanner>()
                        .PrepareAsync(new ScheduleRequest(null, toy.BatteryAsset, new DateTimeOffset(today.AddDays(1), TimeSpan.Zero), TimeSpan.FromDays(1)), null, token);
                    jobs.Add(queue.EnqueueSchedule(run).Id);
                }

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

    /// <summary>What to do next: five curl lines (get a token, read data, post data, trigger a schedule, get it), then the browser login.</summary>
    internal static string Instructions(string address, ToySensors toy, DateTime today, IReadOnlyList<string> jobs, bool inProcess)
    {
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var todayText = today.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var tomorrowText = today.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        return $$"""

            FlexMeasures is running at {{address}} (Ctrl-C stops it). API documentation: {{address}}/api/docs
            Job dashboard: {{address}}/tasks (log in as {{ToyAccount.AdminEmail}}, same password).
            Queued {{jobs.Count - 1}} forecasting jobs (day-ahead forecasts of today's consumption) and a schedule of the toy battery for tomorrow{{(inProcess ? "; this server works them." : "; start a worker: flexmeasures jobs run-worker --queue forecasting,scheduling")}}

            # 1. Get a token
            TOKEN=$(curl -s -X POST {{address}}/api/requestAuthToken -H 'Content-Type: application/json' -d '{"email": "{{ToyAccount.UserEmail}}", "password": "{{AddCommands.ToyPassword}}"}' | sed -E 's/.*"auth_token": *"([^"]+)".*/\1/')
            # 2. Read yesterday's consumption and today's forecast, hourly
            curl -s "{{address}}/api/v3_0/sensors/{{toy.Consumption}}/data?start={{yesterday}}%2B00:00&duration=P2D&resolution=PT1H&unit=kW" -H "Authorization: $TOKEN"
            # 3. Post today's first hour of consumption (four quarter-hours)
            curl -s -X POST {{address}}/api/v3_0/sensors/{{toy.Consumption}}/data -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d '{"values": [41.5, 42, 40.8, 43.1], "start": "{{todayText}}+00:00", "duration": "PT1H", "unit": "kW"}'
            # 4. Schedule the toy battery for tomorrow against the day-ahead prices (flex-model and prices are stored on the assets)
            JOB=$(curl -s -X POST {{address}}/api/v3_0/assets/{{toy.BatteryAsset}}/schedules/trigger -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d '{"start": "{{tomorrowText}}+00:00", "duration": "P1D"}' | sed -E 's/.*"job": *"([^"]+)".*/\1/')
            # 5. Get the schedule in kW (consumption positive); while the job runs it answers "Scheduling job waiting/in progress": ask again
            curl -s "{{address}}/api/v3_0/sensors/{{toy.Battery}}/schedules/$JOB?duration=P1D&unit=kW" -H "Authorization: $TOKEN"

            In a browser: open {{address}} and log in as {{ToyAccount.UserEmail}} with password {{AddCommands.ToyPassword}}
            (the toy building, its solar panels, battery with tomorrow's schedule, prices and weather, in graphs).

            """;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Configuration;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Benchmarks;

/// <summary>
/// For scripts/bench-schedule.sh: runs scheduling jobs one after another in ONE process, as a worker that has been
/// running for a while does, and times each job the way the worker runs it: a DI scope, the job argument parsed,
/// the inputs read as of the belief time, the model built and solved, the schedule stored (one transaction). The
/// first job pays the JIT and loading OR-Tools' native library; the later ones are what a warm worker sees.
/// </summary>
/// <remarks>
/// Run <c>k</c> schedules the two days from <c>start + 2k days</c>, so every job stores a full schedule on events
/// nobody scheduled before (the same window again would store nothing: the belief store skips unchanged beliefs).
/// Preparing the run (the trigger's checks) is not part of the job and is not timed.
/// </remarks>
internal static class ScheduleJobBenchmark
{
    internal static async Task<int> RunAsync(int runs, int sensorId, DateTimeOffset start, string flexModel, string flexContext)
    {
        var configuration = FlexMeasuresConfiguration.FromEnvironment();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddFlexMeasuresData(configuration)
            .AddFlexMeasuresJobs(configuration)
            .BuildServiceProvider();
        var jobs = new List<Timing>();
        for (var k = 0; k < runs; k++)
        {
            string argument;
            await using (var scope = services.CreateAsyncScope())
            {
                var request = new ScheduleRequest(
                    sensorId,
                    null,
                    start.AddDays(2 * k),
                    TimeSpan.FromDays(2),
                    Prior: start.AddDays((2 * k) - 1),
                    FlexModel: JsonNode.Parse(flexModel),
                    FlexContext: JsonNode.Parse(flexContext)!.AsObject());
                var prepared = await scope.ServiceProvider.GetRequiredService<SchedulePlanner>().PrepareAsync(request, mayRead: null, CancellationToken.None);
                argument = prepared.ToJson();
            }

            var clock = Stopwatch.StartNew();
            ScheduleOutcome outcome;
            JsonObject result;
            await using (var scope = services.CreateAsyncScope())
            {
                (outcome, result) = await scope.ServiceProvider.GetRequiredService<ScheduleService>()
                    .RunAsync(ScheduleRun.FromJson(argument), dryRun: false, CancellationToken.None);
            }

            var total = clock.Elapsed;
            var stored = result["num-beliefs"]!.GetValue<long>();
            var timing = new Timing(total, outcome.ReadTime, outcome.SolveTime - outcome.SolverTime, outcome.SolverTime, total - outcome.ReadTime - outcome.SolveTime, stored);
            jobs.Add(timing);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"job {k + 1}: {Ms(timing.Total)} (read {Ms(timing.Read)}, build {Ms(timing.Build)}, HiGHS {Ms(timing.Solver)}, store {Ms(timing.Store)}; {stored} beliefs stored)"));
        }

        var warm = jobs.Skip(1).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first job: {Ms(jobs[0].Total)}"));
        if (warm.Count > 0)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"warm jobs: median {Ms(Median(warm, t => t.Total))} over {warm.Count} (read {Ms(Median(warm, t => t.Read))}, build {Ms(Median(warm, t => t.Build))}, HiGHS {Ms(Median(warm, t => t.Solver))}, store {Ms(Median(warm, t => t.Store))}; medians of each part), fastest {Ms(warm.Min(t => t.Total))}, slowest {Ms(warm.Max(t => t.Total))}"));
        }

        return 0;
    }

    private static TimeSpan Median(List<Timing> timings, Func<Timing, TimeSpan> part)
    {
        var sorted = timings.Select(part).Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private sealed record Timing(TimeSpan Total, TimeSpan Read, TimeSpan Build, TimeSpan Solver, TimeSpan Store, long Stored);
}

using System.CommandLine;
using System.Globalization;
using FlexMeasures.Cli.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Time;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using StackExchange.Redis;

namespace FlexMeasures.Cli.Forecasts;

/// <summary><c>add forecasts</c>, <c>show forecast-accuracy</c> and <c>forecasts backtest</c>.</summary>
internal static class ForecastCommands
{
    private static readonly TimeSpan[] StandardHorizons = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromHours(48)];

    /// <summary><c>add forecasts</c> (the seed's <c>db-populate --forecasts</c>).</summary>
    public static Command Add(CliContext context)
    {
        var sensors = new Option<int[]>("--sensor") { Description = "Sensor id(s) to forecast.", AllowMultipleArgumentsPerToken = true };
        var assets = new Option<int[]>("--asset") { Description = "Asset id(s): forecast each of their sensors with a resolution.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string>("--from") { Description = "Start of the first event to forecast (2024-03-01 = midnight UTC, or ISO 8601 with offset).", Required = true };
        var until = new Option<string>("--until") { Description = "End of the window (exclusive), as --from.", Required = true };
        var horizons = HorizonOption("Forecast horizon(s) in hours (default: per sensor, 1 6 24 48 for 15-min and hourly data).");
        var model = ModelOption();
        var asJob = new Option<bool>("--as-job") { Description = "Queue one job per sensor and horizon instead of forecasting now." };
        var allowOverwrite = new Option<bool>("--allow-overwrite") { Description = "Replace stored forecasts that differ (measurements changed since); otherwise such a run stores nothing and says why." };
        var quantiles = QuantilesOption();
        var command = new Command("forecasts", "Make forecasts for sensors over a window and store them as beliefs.") { sensors, assets, from, until, horizons, model, quantiles, asJob, allowOverwrite };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var start = ParseMoment(parse.GetValue(from)!, "--from");
                var end = ParseMoment(parse.GetValue(until)!, "--until");
                if (end <= start)
                {
                    throw new CliUserException("--until: must be after --from.");
                }

                var modelName = parse.GetValue(model)!;
                ForecastModels.Create(modelName);
                var levels = Quantiles(parse.GetValue(quantiles));
                var db = services.GetRequiredService<FlexMeasuresDbContext>();
                var sensorIds = parse.GetValue(sensors) ?? [];
                var assetIds = parse.GetValue(assets) ?? [];
                if (sensorIds.Length == 0 && assetIds.Length == 0)
                {
                    throw new CliUserException("--sensor or --asset: give at least one sensor or asset.");
                }

                var chosen = await db.Sensors.AsNoTracking()
                    .Where(s => sensorIds.Contains(s.Id) || (assetIds.Contains(s.GenericAssetId) && s.EventResolution > TimeSpan.Zero))
                    .OrderBy(s => s.Id).ToListAsync(token);
                foreach (var missing in sensorIds.Where(id => chosen.All(s => s.Id != id)))
                {
                    throw new CliUserException($"--sensor: no sensor with id {missing}.");
                }

                var given = Horizons(parse.GetValue(horizons));
                var limits = services.GetRequiredService<IOptions<ForecastingOptions>>().Value;
                var runs = chosen
                    .SelectMany(s => (given ?? (ForecastTrigger.HorizonsFor(s) is { Count: > 0 } h ? h : StandardHorizons))
                        .SelectMany(h => limits.InPieces(new ForecastRun(s.Id, start, end, h, modelName, parse.GetValue(allowOverwrite) ? true : null, levels), s.EventResolution)))
                    .ToList();
                if (parse.GetValue(asJob))
                {
                    var client = services.GetRequiredService<JobQueueClient>();
                    if (client.IsInProcess)
                    {
                        throw new CliUserException("--as-job needs a Redis queue (FLEXMEASURES_REDIS_URL) and workers (`flexmeasures jobs run-worker`); leave it out to forecast now.");
                    }

                    try
                    {
                        foreach (var run in runs)
                        {
                            var id = client.EnqueueForecast(run);
                            await context.Out.WriteLineAsync($"Queued job {id}: sensor {run.SensorId}, horizon {IsoDuration.Format(run.Horizon)}.");
                        }
                    }
                    catch (RedisException e)
                    {
                        throw new CliUserException($"The job queue at {client.Description} cannot be reached: {e.Message}");
                    }

                    await context.Out.WriteLineAsync($"{runs.Count} forecasting jobs queued on {client.Description}.");
                    return 0;
                }

                var service = services.GetRequiredService<ForecastService>();
                var outcomes = new List<ForecastOutcome>();
                if (context.IsInteractive)
                {
                    await context.Console.Progress().AutoClear(true).StartAsync(async progress =>
                    {
                        var task = progress.AddTask("Forecasting", maxValue: runs.Count);
                        foreach (var run in runs)
                        {
                            task.Description = $"Sensor {run.SensorId}, horizon {IsoDuration.Format(run.Horizon)}";
                            outcomes.Add(await service.ForecastAsync(run, token));
                            task.Increment(1);
                        }
                    });
                }
                else
                {
                    foreach (var run in runs)
                    {
                        outcomes.Add(await service.ForecastAsync(run, token));
                    }
                }

                foreach (var outcome in outcomes)
                {
                    await context.Out.WriteLineAsync(outcome.Describe() + (outcome.Regressor is { } r ? $" Regressor: {r}." : ""));
                }

                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"In all: {outcomes.Sum(o => o.Saved.Stored)} stored, {outcomes.Sum(o => o.Saved.Replaced)} replaced, {outcomes.Sum(o => o.Saved.Unchanged + o.Saved.Duplicates)} unchanged."));
                if (outcomes.Any(o => o.ReplacementRefused))
                {
                    await context.Error.WriteLineAsync("Some stored forecasts would change (see above); those runs stored nothing. Use --allow-overwrite to replace them.");
                    return 1;
                }

                return 0;
            },
            ct));
        return command;
    }

    /// <summary><c>show forecast-accuracy</c>.</summary>
    public static Command Accuracy(CliContext context)
    {
        var sensor = new Option<int>("--sensor") { Description = "Sensor id.", Required = true };
        var horizon = new Option<double?>("--horizon") { Description = "Only forecasts at this horizon, in hours (default: every horizon found)." };
        var start = new Option<string?>("--start") { Description = "Only events from this moment (2024-03-01 or ISO 8601 with offset)." };
        var end = new Option<string?>("--end") { Description = "Only events before this moment." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("forecast-accuracy", "MAE, MAPE and WAPE of stored forecasts against measurements, beside the naive, daily and weekly seasonal-naive forecasts.") { sensor, horizon, start, end, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var rows = await services.GetRequiredService<ForecastAccuracy>().ComputeAsync(
                    parse.GetValue(sensor),
                    parse.GetValue(horizon) is { } h ? TimeSpan.FromHours(h) : null,
                    parse.GetValue(start) is { } s ? ParseMoment(s, "--start") : null,
                    parse.GetValue(end) is { } e ? ParseMoment(e, "--end") : null,
                    token);
                if (rows.Count == 0)
                {
                    await context.Out.WriteLineAsync($"No stored forecasts for sensor {parse.GetValue(sensor)} in that window.");
                    return 0;
                }

                var lines = rows.Select(r => new AccuracyLine(
                    r.Source, IsoDuration.Format(r.Horizon), r.Model.Count, Number(r.Model.Mae), Percent(r.Model.Mape), Percent(r.Model.Wape),
                    Percent(BaselineMape(r.Baselines, NaiveModel.ModelName)), Percent(BaselineMape(r.Baselines, SeasonalNaiveModel.DailyModelName)),
                    Percent(BaselineMape(r.Baselines, SeasonalNaiveModel.ModelName)), r.BestBaseline?.Name ?? "", Signed(r.MapeImprovement), r.Model.ZeroActualsSkipped,
                    Number(r.Quantiles?.Pinball), Percent(r.Quantiles?.Coverage), r.Quantiles is { } q ? Interval(q) : "")).ToList();
                await Listing.WriteAsync(context, lines, parse.GetValue(json));
                if (!parse.GetValue(json))
                {
                    await context.Out.WriteLineAsync(BaselineNote);
                    var zeros = rows.Max(r => r.Model.ZeroActualsSkipped);
                    if (zeros > 0)
                    {
                        await context.Out.WriteLineAsync($"MAPE leaves out events whose measurement is zero (up to {zeros} per row, see zero_actuals_skipped).");
                    }
                }

                return 0;
            },
            ct));
        return command;
    }

    /// <summary><c>forecasts backtest</c>.</summary>
    public static Command Create(CliContext context)
    {
        var sensor = new Option<int?>("--sensor") { Description = "Sensor id whose measurements to backtest on." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Backtest on synthetic half-hourly demand with this seed instead (8 training weeks from 2024-01-01, 2 test weeks)." };
        var model = ModelOption();
        var trainFrom = new Option<string?>("--train-from") { Description = "Start of the history (default: what add forecasts reads, 12 weeks before the first refit)." };
        var trainUntil = new Option<string?>("--train-until") { Description = "End of training = start of the test period." };
        var testUntil = new Option<string?>("--test-until") { Description = "End of the test period." };
        var horizons = HorizonOption("Horizon(s) in hours (default 1 6 24 48).");
        var quantiles = QuantilesOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON list (one object per horizon) instead of a table." };
        var withoutHolidays = new Option<bool>("--without-holidays")
        {
            Description = "Forecast as if the sensor had no holidays (country attribute, holiday annotations), still scoring its holiday events apart: compare with a run without this flag to see the holiday regressor's effect.",
        };
        var backtest = new Command("backtest", "Evaluate a model on held-out data without storing anything, against the naive, daily and weekly seasonal-naive forecasts.")
        {
            sensor, synthetic, model, trainFrom, trainUntil, testUntil, horizons, quantiles, json, withoutHolidays,
        };
        backtest.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var modelName = parse.GetValue(model)!;
                var chosen = Horizons(parse.GetValue(horizons)) ?? StandardHorizons;
                var levels = Quantiles(parse.GetValue(quantiles)) ?? [];
                IReadOnlyList<BacktestResult> results;
                string what;
                if (parse.GetValue(synthetic) is { } seed)
                {
                    results = SensorBacktest.Synthetic(seed, modelName, chosen, levels);
                    what = $"synthetic half-hourly demand (seed {seed}), test 2024-02-26 to 2024-03-11";
                }
                else if (parse.GetValue(sensor) is { } sensorId)
                {
                    var until = parse.GetValue(trainUntil) is { } t ? ParseMoment(t, "--train-until") : throw new CliUserException("--train-until: required with --sensor.");
                    var test = parse.GetValue(testUntil) is { } e ? ParseMoment(e, "--test-until") : throw new CliUserException("--test-until: required with --sensor.");
                    var fromValue = parse.GetValue(trainFrom) is { } f ? ParseMoment(f, "--train-from") : (DateTime?)null;
                    results = await services.GetRequiredService<SensorBacktest>().RunAsync(sensorId, modelName, fromValue, until, test, chosen, levels, parse.GetValue(withoutHolidays), token);
                    what = string.Create(CultureInfo.InvariantCulture, $"sensor {sensorId}, test {until:yyyy-MM-dd HH:mm} to {test:yyyy-MM-dd HH:mm} UTC");
                }
                else
                {
                    throw new CliUserException("--sensor or --synthetic: say what to backtest on.");
                }

                if (parse.GetValue(json))
                {
                    await Listing.WriteAsync(context, [.. results.Select(BacktestJson.From)], json: true);
                    return 0;
                }

                await context.Out.WriteLineAsync($"Backtest of {modelName} on {what}; nothing is stored.");
                var lines = results.Select(r => new BacktestLine(
                    IsoDuration.Format(r.Horizon), r.ModelUsed, r.Accuracy.Count, Percent(r.Accuracy.Mape),
                    Percent(r.BaselineAccuracy(NaiveModel.ModelName)?.Mape), Percent(r.BaselineAccuracy(SeasonalNaiveModel.DailyModelName)?.Mape),
                    Percent(r.BaselineAccuracy(SeasonalNaiveModel.ModelName)?.Mape), r.BestBaseline?.Name ?? "", Signed(r.MapeImprovement),
                    Number(r.Accuracy.Mae), Percent(r.Accuracy.Wape), Number(r.Quantiles?.Pinball), Percent(r.Quantiles?.Coverage))).ToList();
                await Listing.WriteAsync(context, lines, json: false);
                await context.Out.WriteLineAsync("improvement = 1 − MAPE(model) / MAPE(best baseline). " + BaselineNote);
                await WriteQuantileNotesAsync(context, levels, results.Select(r => r.QuantileProblem));
                foreach (var result in results.Where(r => r.HolidayAccuracy is not null))
                {
                    await context.Out.WriteLineAsync(
                        $"{IsoDuration.Format(result.Horizon)} on the {result.HolidayAccuracy!.Count} holiday events: MAE {Number(result.HolidayAccuracy.Mae)}, MAPE {Percent(result.HolidayAccuracy.Mape)}.");
                }

                foreach (var result in results.Where(r => r.Choices.Any(c => c.Reason is not null)))
                {
                    await context.Out.WriteLineAsync($"{IsoDuration.Format(result.Horizon)}:");
                    foreach (var choice in result.Choices)
                    {
                        await context.Out.WriteLineAsync(string.Create(
                            CultureInfo.InvariantCulture,
                            $"  {choice.From:yyyy-MM-dd HH:mm}Z to {choice.Until:yyyy-MM-dd HH:mm}Z: {choice.Model}{(choice.Reason is null ? "" : $" ({choice.Reason})")}"));
                    }
                }

                return 0;
            },
            ct));
        var forecasts = new Command("forecasts", "Forecast evaluation.") { backtest };
        return forecasts;
    }

    private static Option<double[]> QuantilesOption() =>
        new("--quantiles")
        {
            Description = "Quantile levels (cumulative probabilities) to forecast, e.g. 0.1 0.5 0.9; one belief each, the median always among them "
                + "(default: Forecasting__Quantiles, else deterministic forecasts).",
            AllowMultipleArgumentsPerToken = true,
        };

    /// <summary>The levels given, the median added; null when none were given.</summary>
    private static IReadOnlyList<double>? Quantiles(double[]? levels)
    {
        if (levels is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            return FlexMeasures.Forecasting.Probabilistic.Quantiles.Normalise(levels);
        }
        catch (ArgumentException e)
        {
            throw new CliUserException($"--quantiles: {e.Message}");
        }
    }

    private static async Task WriteQuantileNotesAsync(CliContext context, IReadOnlyList<double> levels, IEnumerable<string?> problems)
    {
        if (levels.Count == 0)
        {
            return;
        }

        await context.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"pinball = mean pinball loss over levels {string.Join(", ", levels)}; coverage = share of actuals between the {levels[0]} and {levels[^1]} quantiles (nominal {levels[^1] - levels[0]:0%})."));
        foreach (var problem in problems.OfType<string>().Distinct())
        {
            await context.Out.WriteLineAsync($"Note: {problem}.");
        }
    }

    private static string Interval(FlexMeasures.Forecasting.Accuracy.QuantileAccuracy quantiles) =>
        string.Create(CultureInfo.InvariantCulture, $"{quantiles.Lower}–{quantiles.Upper}");

    private const string BaselineNote =
        "Baselines, at the same horizon on the same events, from the measurements: naive (latest value known), seasonal-naive-daily (same time a day earlier, or as many days as it takes), seasonal-naive (a week earlier).";

    private static double? BaselineMape(IReadOnlyList<BaselineScore> baselines, string name) => baselines.FirstOrDefault(b => b.Name == name)?.Accuracy.Mape;

    private static Option<double[]> HorizonOption(string description) =>
        new("--horizon") { Description = description, AllowMultipleArgumentsPerToken = true };

    private static Option<string> ModelOption() =>
        new("--model") { Description = $"Model: {string.Join(", ", ForecastModels.Names)}.", DefaultValueFactory = _ => ForecastModels.Default };

    private static TimeSpan[]? Horizons(double[]? hours)
    {
        if (hours is not { Length: > 0 })
        {
            return null;
        }

        foreach (var h in hours.Where(h => h <= 0))
        {
            throw new CliUserException(string.Create(CultureInfo.InvariantCulture, $"--horizon: {h} is not a positive number of hours."));
        }

        return [.. hours.Distinct().Order().Select(TimeSpan.FromHours)];
    }

    /// <summary>An ISO 8601 instant with offset, or a plain date (midnight UTC).</summary>
    internal static DateTime ParseMoment(string text, string option)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return DateTime.SpecifyKind(Beliefs.BeliefCommands.ParseInstant(text, option), DateTimeKind.Utc);
        }

        date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
        return SupportedInstants.Contains(date) ? date : throw new CliUserException($"{option}: {SupportedInstants.Problem(date)}.");
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "";

    private static string Signed(double? improvement) => improvement is { } i ? i.ToString("+0.0%;-0.0%;0%", CultureInfo.InvariantCulture) : "";

    private sealed record AccuracyLine(
        string Forecaster, string Horizon, int Events, string Mae, string Mape, string Wape,
        string NaiveMape, string SeasonalNaiveDailyMape, string SeasonalNaiveWeeklyMape, string BestBaseline, string Improvement, int ZeroActualsSkipped,
        string Pinball, string Coverage, string Interval);

    private sealed record BacktestLine(
        string Horizon, string ModelUsed, int Events, string Mape, string NaiveMape, string SeasonalNaiveDailyMape, string SeasonalNaiveWeeklyMape,
        string BestBaseline, string Improvement, string Mae, string Wape, string Pinball, string Coverage);
}

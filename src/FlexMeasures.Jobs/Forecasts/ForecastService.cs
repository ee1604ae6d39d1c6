using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Probabilistic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>
/// Makes forecasts for a sensor from its measurements and stores them as beliefs: belief horizon = the forecast
/// horizon, source = the forecaster of the model that made them (for auto: the winner). Safe to run twice, over
/// any overlapping windows: each forecast depends only on the model, horizon, event and the measurements known at
/// its belief time (see <see cref="RefitSchedule"/>), so recomputing gives the same bits and stores nothing.
/// </summary>
/// <remarks>
/// Training data are measurements only (belief horizon ≤ 0), read on the sensor's resolution. Each event's
/// forecast uses only measurements of events that had ended by its belief time (see <see cref="HorizonMapping"/>).
/// A recomputed forecast that differs (measurements were added or corrected since) is a replacement: stored only
/// when overwriting is allowed, as for any belief; otherwise the run stores nothing and says so.
/// </remarks>
public sealed class ForecastService(
    FlexMeasuresDbContext db, SeriesReader reader, BeliefStore store, ForecasterSources sources, ForecastInputs inputs, IOptions<ForecastingOptions> options)
{
    /// <exception cref="InvalidInputException">Unknown sensor or model, an instantaneous sensor, a bad or too long window, a bad horizon.</exception>
    public async Task<ForecastOutcome> ForecastAsync(ForecastRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var model = ForecastModels.Create(run.Model);
        var sensor = await db.Sensors.AsNoTracking().Include(s => s.GenericAsset).ThenInclude(a => a!.GenericAssetType)
            .SingleOrDefaultAsync(s => s.Id == run.SensorId, cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {run.SensorId}");
        var resolution = sensor.EventResolution;
        if (resolution <= TimeSpan.Zero)
        {
            throw new InvalidInputException("sensor", $"sensor {sensor.Id} records instantaneous values; forecasting needs a sensor with an event resolution");
        }

        if (run.Horizon <= TimeSpan.Zero)
        {
            throw new InvalidInputException("horizon", "must be positive");
        }

        var start = HorizonMapping.Floor(DateTime.SpecifyKind(run.Start, DateTimeKind.Utc), resolution);
        var end = HorizonMapping.Ceiling(DateTime.SpecifyKind(run.End, DateTimeKind.Utc), resolution);
        if (end <= start)
        {
            throw new InvalidInputException("until", "must be after the start");
        }

        // Before anything is read: a window too long would take memory without bound (and fail again on every retry).
        if (options.Value.WindowProblem(end - start, resolution) is { } tooLong)
        {
            throw new InvalidInputException("until", tooLong);
        }

        var parts = HorizonMapping.Parts(sensor, run.Horizon, start, end);
        var levels = QuantileLevels(run.Quantiles ?? options.Value.QuantileLevels(), "quantiles");
        var historyStart = parts.Min(p => RefitSchedule.HistoryStart(p.Start, p.LibraryHorizon, resolution)) - ExtraHistory(model, levels, resolution);
        var history = await ReadAsync(sensor.Id, historyStart, end, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);
        history = FromFirstMeasurement(history, start);
        if (history.Values.All(v => v is null))
        {
            var none = string.Create(CultureInfo.InvariantCulture, $"sensor {sensor.Id} has no measurements before {end:yyyy-MM-dd HH:mm}Z: nothing to forecast, nothing stored.");
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, [], 0, new SaveResult(0, 0, 0, 0, 0, 0), Problem: none);
        }

        var lastBeliefTime = KnowledgeHorizons.KnowledgeTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, end - resolution, resolution) - run.Horizon;
        var inputSet = await inputs.FindAsync(sensor, model, history.Start, end, run.Horizon, lastBeliefTime, cancellationToken);
        var regressorName = inputSet.Description;
        var problems = new List<string>();

        var beliefs = new Dictionary<string, List<NewBelief>>();
        var choices = new List<ModelChoice>();
        foreach (var part in parts)
        {
            var probabilistic = ResidualQuantiles.Forecast(model, inputSet.ToRequest(new ForecastRequest(history, part.Start, part.End, part.LibraryHorizon)), levels);
            var result = probabilistic.Point;
            choices.AddRange(result.Choices);
            if (probabilistic.Problem is { } problem)
            {
                problems.Add(problem);
            }

            foreach (var choice in result.Choices)
            {
                var list = beliefs.TryGetValue(choice.Model, out var found) ? found : beliefs[choice.Model] = [];
                for (var time = choice.From; time < choice.Until; time += resolution)
                {
                    var quantiles = probabilistic.Quantiles.Select(q => (q.Level, Value: q.Values.ValueAt(time))).ToList();
                    if (quantiles.Count > 0 && quantiles.All(q => q.Value is { } v && double.IsFinite(v)))
                    {
                        list.AddRange(quantiles.Select(q => new NewBelief(time, run.Horizon, q.Value!.Value, q.Level)));
                    }
                    else if (result.Values.ValueAt(time) is { } value && double.IsFinite(value))
                    {
                        list.Add(new NewBelief(time, run.Horizon, value));
                    }
                }
            }
        }

        var merged = ForecastResult.Combine(new Series(start, resolution, []), choices).Choices;
        var count = beliefs.Values.Sum(b => b.Count(x => x.CumulativeProbability == Quantiles.Median));
        var stored = levels.Count > 0 && problems.Count < parts.Count ? levels : [];
        var allowOverwrite = run.AllowOverwrite ?? options.Value.AllowOverwrite;
        try
        {
            var saved = await SaveAsync(sensor.Id, beliefs, allowOverwrite, cancellationToken);
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, merged, count, saved, regressorName)
            {
                Quantiles = stored,
                QuantileProblem = problems.FirstOrDefault(),
            };
        }
        catch (ReplacementRefusedException e)
        {
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, merged, count, new SaveResult(0, 0, 0, 0, 0, 0), regressorName, e.Message)
            {
                ReplacementRefused = true,
                Quantiles = stored,
                QuantileProblem = problems.FirstOrDefault(),
            };
        }
    }

    /// <summary>Saves each model's forecasts under its own forecaster source, all or nothing.</summary>
    private async Task<SaveResult> SaveAsync(int sensorId, Dictionary<string, List<NewBelief>> byModel, bool allowOverwrite, CancellationToken cancellationToken)
    {
        var sourceIds = new Dictionary<string, int>();
        foreach (var name in byModel.Keys.Order(StringComparer.Ordinal))
        {
            var used = ForecastModels.Create(name);
            sourceIds[name] = (await sources.GetOrCreateAsync(used.Name, used.Version, cancellationToken)).Id;
        }

        var total = new SaveResult(0, 0, 0, 0, 0, 0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (name, list) in byModel.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            total += await store.SaveAsync(sensorId, sourceIds[name], list, allowOverwrite, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return total;
    }

    /// <summary>Quantile levels to forecast, the median added; empty for a deterministic forecast.</summary>
    /// <exception cref="InvalidInputException">A level is not strictly between 0 and 1; <paramref name="field"/> names where it came from.</exception>
    public static IReadOnlyList<double> QuantileLevels(IEnumerable<double> levels, string field)
    {
        try
        {
            return Quantiles.Normalise(levels);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(field, e.Message);
        }
    }

    /// <summary>
    /// History a model needs beyond <see cref="RefitSchedule.Lookback"/>: LightGBM's training year, and for quantiles
    /// the error window of the validation forecasts at the sensor's resolution (with a refit period for their anchors).
    /// </summary>
    internal static TimeSpan ExtraHistory(IForecastModel model, IReadOnlyList<double> levels, TimeSpan resolution) =>
        (model is LightGbmModel lightGbm ? lightGbm.TrainingPeriod + LightGbmModel.LagReach : TimeSpan.Zero)
        + (levels.Count > 0 ? ResidualQuantiles.WindowSpan(resolution) + RefitSchedule.Period : TimeSpan.Zero);

    /// <summary>
    /// The history from its first known value (at the latest from <paramref name="notAfter"/>): models judge how much
    /// of their history is known, and the time before a sensor's first measurement is not "missing data".
    /// </summary>
    internal static Series FromFirstMeasurement(Series history, DateTime notAfter)
    {
        var firstKnown = history.Values.Select((v, i) => (v, i)).FirstOrDefault(x => x.v is not null).i;
        var limit = (int)Math.Max(0, (notAfter - history.Start).Ticks / history.Resolution.Ticks);
        return history.Slice(history.TimeAt(Math.Min(firstKnown, limit)), history.End);
    }

    /// <summary>Values of a sensor on the given grid, as the forecasting library's series.</summary>
    internal Task<Series> ReadAsync(int sensorId, DateTime start, DateTime end, TimeSpan resolution, BeliefQuery beliefs, CancellationToken cancellationToken) =>
        ForecastInputs.ReadAsync(reader, sensorId, start, end, resolution, beliefs, cancellationToken);
}

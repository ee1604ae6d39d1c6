using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;
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
    FlexMeasuresDbContext db, SeriesReader reader, BeliefStore store, ForecasterSources sources, WeatherSensors weather, IOptions<ForecastingOptions> options)
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
        var historyStart = parts.Min(p => RefitSchedule.HistoryStart(p.Start, p.LibraryHorizon, resolution));
        var history = await ReadAsync(sensor.Id, historyStart, end, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);
        history = FromFirstMeasurement(history, start);
        if (history.Values.All(v => v is null))
        {
            var none = string.Create(CultureInfo.InvariantCulture, $"sensor {sensor.Id} has no measurements before {end:yyyy-MM-dd HH:mm}Z: nothing to forecast, nothing stored.");
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, [], 0, new SaveResult(0, 0, 0, 0, 0, 0), Problem: none);
        }

        var (regressors, regressorName) = model is NaiveModel or SeasonalNaiveModel
            ? (null, null)
            : await RegressorsAsync(sensor, run.Horizon, historyStart, end, cancellationToken);

        var beliefs = new Dictionary<string, List<NewBelief>>();
        var choices = new List<ModelChoice>();
        foreach (var part in parts)
        {
            var result = model.Forecast(new ForecastRequest(history, part.Start, part.End, part.LibraryHorizon, regressors));
            choices.AddRange(result.Choices);
            foreach (var choice in result.Choices)
            {
                var list = beliefs.TryGetValue(choice.Model, out var found) ? found : beliefs[choice.Model] = [];
                for (var time = choice.From; time < choice.Until; time += resolution)
                {
                    if (result.Values.ValueAt(time) is { } value && double.IsFinite(value))
                    {
                        list.Add(new NewBelief(time, run.Horizon, value));
                    }
                }
            }
        }

        var merged = ForecastResult.Combine(new Series(start, resolution, []), choices).Choices;
        var count = beliefs.Values.Sum(b => b.Count);
        var allowOverwrite = run.AllowOverwrite ?? options.Value.AllowOverwrite;
        try
        {
            var saved = await SaveAsync(sensor.Id, beliefs, allowOverwrite, cancellationToken);
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, merged, count, saved, regressorName);
        }
        catch (ReplacementRefusedException e)
        {
            return new ForecastOutcome(sensor.Id, run.Horizon, model.Name, merged, count, new SaveResult(0, 0, 0, 0, 0, 0), regressorName, e.Message)
            {
                ReplacementRefused = true,
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

    /// <summary>The nearest weather station's forecasts, held at least one horizon ahead (what was known at belief time), if 90 % known.</summary>
    private async Task<(IReadOnlyList<Series>? Regressors, string? Name)> RegressorsAsync(Sensor sensor, TimeSpan horizon, DateTime from, DateTime end, CancellationToken cancellationToken)
    {
        if (sensor.GenericAsset is not { Latitude: { } latitude, Longitude: { } longitude } asset)
        {
            return (null, null);
        }

        foreach (var kind in WeatherSensors.KindsFor(asset.GenericAssetType?.Name))
        {
            if (await weather.NearestAsync(latitude, longitude, kind, cancellationToken) is not { } found)
            {
                continue;
            }

            var (station, distance) = found;
            var series = await ReadAsync(station.Id, from, end, sensor.EventResolution, new BeliefQuery { SensorId = station.Id, HorizonsAtLeast = horizon }, cancellationToken);
            return series.Values.Count(v => v is not null) >= 0.9 * series.Count
                ? ([series], WeatherSensors.Describe(station, distance))
                : (null, null);
        }

        return (null, null);
    }

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
    internal async Task<Series> ReadAsync(int sensorId, DateTime start, DateTime end, TimeSpan resolution, BeliefQuery beliefs, CancellationToken cancellationToken)
    {
        var values = await reader.ReadAsync(new SeriesQuery(sensorId, start, end - start, resolution, null, beliefs), cancellationToken);
        return new Series(DateTime.SpecifyKind(start, DateTimeKind.Utc), resolution, [.. values.Values]);
    }
}

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.LinearRegression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>
/// Makes forecasts for a sensor from its measurements and stores them as beliefs: belief horizon = the forecast
/// horizon, source = the forecaster of the model that made them. Safe to run twice: the same inputs give the same
/// values, which the belief store recognises as already stored ("nothing new").
/// </summary>
/// <remarks>
/// Training data are measurements only (belief horizon ≤ 0), read on the sensor's resolution. Each event's
/// forecast uses only measurements of events that had ended by its belief time (see <see cref="HorizonMapping"/>).
/// A recomputed forecast that differs (measurements were added or corrected since) replaces the forecaster's own
/// earlier value for that event and horizon.
/// </remarks>
public sealed class ForecastService(
    FlexMeasuresDbContext db, SeriesReader reader, BeliefStore store, ForecasterSources sources, WeatherSensors weather, IOptions<ForecastingOptions> options)
{
    /// <summary>Measurements read before the first forecast: enough for the double-seasonal fit window and linear-OLS' lags.</summary>
    public static TimeSpan HistoryLength { get; } = TimeSpan.FromDays(63);

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

        var events = (int)((end - start).Ticks / resolution.Ticks);
        var horizon = HorizonMapping.LibraryHorizon(sensor, run.Horizon, Enumerable.Range(0, events).Select(i => start + (i * resolution)));
        var historyStart = start - HistoryLength;
        var history = await ReadAsync(sensor.Id, historyStart, end, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);

        history = FromFirstMeasurement(history, start);

        IReadOnlyList<Series>? regressors = null;
        string? regressorName = null;
        if (model is LinearOlsModel && sensor.GenericAsset is { Latitude: { } latitude, Longitude: { } longitude } asset)
        {
            foreach (var kind in WeatherSensors.KindsFor(asset.GenericAssetType?.Name))
            {
                if (await weather.NearestAsync(latitude, longitude, kind, cancellationToken) is not { } found)
                {
                    continue;
                }

                var (station, distance) = found;

                // Weather forecasts held at least one forecast horizon ahead: what was known at belief time.
                var series = await ReadAsync(station.Id, historyStart, end, resolution, new BeliefQuery { SensorId = station.Id, HorizonsAtLeast = run.Horizon }, cancellationToken);
                if (series.Values.Count(v => v is not null) >= 0.9 * series.Count)
                {
                    regressors = [series];
                    regressorName = WeatherSensors.Describe(station, distance);
                }

                break;
            }
        }

        var result = model.Forecast(new ForecastRequest(history, start, end, horizon, regressors));
        var used = result.ModelUsed == model.Name ? model : ForecastModels.Create(result.ModelUsed);
        var beliefs = new List<NewBelief>(result.Values.Count);
        for (var i = 0; i < result.Values.Count; i++)
        {
            if (result.Values.Values[i] is { } value && double.IsFinite(value))
            {
                beliefs.Add(new NewBelief(result.Values.TimeAt(i), run.Horizon, value));
            }
        }

        var source = await sources.GetOrCreateAsync(used.Name, used.Version, cancellationToken);
        var saved = await store.SaveAsync(sensor.Id, source.Id, beliefs, allowOverwrite: true, cancellationToken);
        return new ForecastOutcome(sensor.Id, run.Horizon, used.Name, source.Id, beliefs.Count, saved, regressorName);
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

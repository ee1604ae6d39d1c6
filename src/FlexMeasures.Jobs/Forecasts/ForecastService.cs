using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Probabilistic;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

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
public sealed class ForecastService(FlexMeasuresDbContext db, SeriesReader reader, BeliefStore store, ForecasterSources sources, ForecastInputs inputs, IOptions<ForecastingOptions> options)
{
    /// <summary>Measurements read before the first forecast: enough for the double-seasonal fit window and linear-OLS' lags.</summary>
    public static TimeSpan HistoryLength { get; } = TimeSpan.FromDays(63);

    /// <exception cref="InvalidInputException">Unknown sensor or model, an instantaneous sensor, a bad window or horizon.</exception>
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

        var events = (int)((end - start).Ticks / resolution.Ticks);
        var horizon = HorizonMapping.LibraryHorizon(sensor, run.Horizon, Enumerable.Range(0, events).Select(i => start + (i * resolution)));
        var historyStart = start - HistoryFor(model);
        var history = await ReadAsync(sensor.Id, historyStart, end, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);

        history = FromFirstMeasurement(history, start);
        var lastBeliefTime = KnowledgeHorizons.KnowledgeTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, end - resolution, resolution) - run.Horizon;
        var found = await inputs.FindAsync(sensor, model, history.Start, end, run.Horizon, lastBeliefTime, cancellationToken);
        var levels = QuantileLevels(run.Quantiles ?? options.Value.QuantileLevels(), "quantiles");
        var request = found.ToRequest(new ForecastRequest(history, start, end, horizon));
        var forecast = ResidualQuantiles.Forecast(model, request, levels);
        var result = forecast.Point;
        var used = result.ModelUsed == model.Name ? model : ForecastModels.Create(result.ModelUsed);
        var beliefs = new List<NewBelief>(result.Values.Count * Math.Max(1, levels.Count));
        for (var i = 0; i < result.Values.Count; i++)
        {
            if (forecast.Quantiles.Count == 0 || forecast.Quantiles.Any(q => q.Values.Values[i] is null))
            {
                if (result.Values.Values[i] is { } value && double.IsFinite(value))
                {
                    beliefs.Add(new NewBelief(result.Values.TimeAt(i), run.Horizon, value));
                }

                continue;
            }

            beliefs.AddRange(forecast.Quantiles.Select(q => new NewBelief(result.Values.TimeAt(i), run.Horizon, q.Values.Values[i]!.Value, q.Level)));
        }

        var source = await sources.GetOrCreateAsync(used.Name, used.Version, cancellationToken);
        var saved = await store.SaveAsync(sensor.Id, source.Id, beliefs, allowOverwrite: true, cancellationToken);
        return new ForecastOutcome(sensor.Id, run.Horizon, used.Name, source.Id, result.Values.Values.Count(v => v is not null), saved, found.Description)
        {
            Quantiles = forecast.Quantiles.Select(q => q.Level).ToList(),
            QuantileProblem = forecast.Problem,
        };
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

    /// <summary>Measurements read before the first forecast for a model: the year LightGBM trains on, else <see cref="HistoryLength"/>.</summary>
    internal static TimeSpan HistoryFor(IForecastModel model) =>
        model is LightGbmModel lightGbm ? lightGbm.TrainingPeriod + LightGbmModel.LagReach : HistoryLength;
}

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Accuracy;
using FlexMeasures.Forecasting.Backtesting;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Accuracy of one forecaster at one horizon, beside the <see cref="Baseline.All"/> forecasts on the same events.</summary>
public sealed record AccuracyRow(string Source, TimeSpan Horizon, AccuracyMetrics Model, IReadOnlyList<BaselineScore> Baselines)
{
    /// <summary>The baseline with the lowest MAPE on these events; null when none has one.</summary>
    public BaselineScore? BestBaseline => Baselines.Where(b => b.Accuracy.Mape is not null).MinBy(b => b.Accuracy.Mape);

    /// <summary>MAPE improvement over the best baseline (see <see cref="Baseline.Improvement"/>).</summary>
    public double? MapeImprovement => Baseline.Improvement(Model, BestBaseline?.Accuracy);

    /// <summary>Pinball loss and coverage of the forecaster's probabilistic beliefs; null when it stored only deterministic ones.</summary>
    public QuantileAccuracy? Quantiles { get; init; }
}

/// <summary>
/// Scores stored forecasts (sources of type <c>forecaster</c>) against measurements, beside the naive, daily and
/// weekly seasonal-naive forecasts at the same horizon — computed from the measurements, never stored — on the same events.
/// </summary>
public sealed class ForecastAccuracy(FlexMeasuresDbContext db, BeliefSearch search, ForecastService forecasts)
{
    /// <param name="horizon">Only forecasts with this belief horizon; null: every horizon found.</param>
    /// <param name="start">UTC; null: from the first forecast.</param>
    /// <param name="end">UTC, exclusive; null: to the last forecast.</param>
    /// <exception cref="InvalidInputException">Unknown or instantaneous sensor.</exception>
    public async Task<IReadOnlyList<AccuracyRow>> ComputeAsync(int sensorId, TimeSpan? horizon, DateTime? start, DateTime? end, CancellationToken cancellationToken)
    {
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sensorId, cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {sensorId}");
        var resolution = sensor.EventResolution;
        if (resolution <= TimeSpan.Zero)
        {
            throw new InvalidInputException("sensor", $"sensor {sensor.Id} records instantaneous values; accuracy needs an event resolution");
        }

        var stored = await search.SearchAsync(sensor, new BeliefQuery
        {
            SensorId = sensor.Id,
            SourceTypes = [ForecasterSources.SourceType],
            HorizonsAtLeast = horizon ?? TimeSpan.FromTicks(1),
            HorizonsAtMost = horizon,
            EventStartsFrom = start,
            EventEndsBefore = end,
            MostRecentBeliefsOnly = false,
        }, cancellationToken);
        var probabilistic = stored.Where(b => b.CumulativeProbability != 0.5).ToList();
        stored = [.. stored.Where(b => b.CumulativeProbability == 0.5)];
        if (stored.Count == 0)
        {
            return [];
        }

        var first = HorizonMapping.Floor(start ?? stored.Min(b => b.EventStart), resolution);
        var until = HorizonMapping.Ceiling(end ?? stored.Max(b => b.EventStart) + resolution, resolution);
        var steps = (int)((until - first).Ticks / resolution.Ticks);
        var measurementsOnly = new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero };
        var actual = await forecasts.ReadAsync(sensor.Id, first, until, resolution, measurementsOnly, cancellationToken);
        var names = await db.DataSources.AsNoTracking().Where(s => stored.Select(b => b.SourceId).Distinct().Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var rows = new List<AccuracyRow>();
        foreach (var byHorizon in stored.GroupBy(b => b.BeliefHorizon).OrderBy(g => g.Key))
        {
            var libraryHorizon = HorizonMapping.LibraryHorizon(sensor, byHorizon.Key, Enumerable.Range(0, steps).Select(i => first + (i * resolution)));
            var history = await forecasts.ReadAsync(sensor.Id, first - TimeSpan.FromDays(28), until, resolution, measurementsOnly, cancellationToken);
            var request = new ForecastRequest(history, first, until, libraryHorizon);
            foreach (var bySource in byHorizon.GroupBy(b => b.SourceId).OrderBy(g => g.Key))
            {
                var model = new double?[steps];
                foreach (var belief in bySource)
                {
                    var index = (int)((belief.EventStart - first).Ticks / resolution.Ticks);
                    if (index >= 0 && index < steps)
                    {
                        model[index] = belief.Value;
                    }
                }

                rows.Add(new AccuracyRow(
                    names.GetValueOrDefault(bySource.Key, $"source {bySource.Key}"),
                    byHorizon.Key,
                    AccuracyMetrics.Compute(actual.Values, model),
                    Baseline.Score(request, actual.Values, model))
                {
                    Quantiles = QuantileScores(probabilistic.Where(b => b.SourceId == bySource.Key && b.BeliefHorizon == byHorizon.Key), model, first, resolution, actual.Values),
                });
            }
        }

        return rows;
    }

    /// <summary>
    /// Scores the quantile beliefs of one source and horizon, with the deterministic values as their median; null
    /// when there are none. An event counts only where its belief holds every level.
    /// </summary>
    private static QuantileAccuracy? QuantileScores(IEnumerable<BeliefRecord> beliefs, double?[] median, DateTime first, TimeSpan resolution, IReadOnlyList<double?> actual)
    {
        var byLevel = beliefs.GroupBy(b => b.CumulativeProbability).ToList();
        if (byLevel.Count == 0)
        {
            return null;
        }

        var levels = new List<(double Level, IReadOnlyList<double?> Values)> { (0.5, median) };
        foreach (var level in byLevel)
        {
            var values = new double?[median.Length];
            foreach (var belief in level)
            {
                var index = (int)((belief.EventStart - first).Ticks / resolution.Ticks);
                if (index >= 0 && index < values.Length)
                {
                    values[index] = belief.Value;
                }
            }

            levels.Add((level.Key, values));
        }

        return QuantileAccuracy.Compute(actual, levels);
    }
}

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Synthetic;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Backtests a model on a sensor's measurements (or on synthetic demand) without storing anything.</summary>
public sealed class SensorBacktest(FlexMeasuresDbContext db, ForecastService forecasts)
{
    /// <param name="horizons">FlexMeasures belief horizons (see <see cref="HorizonMapping"/>).</param>
    /// <param name="quantiles">Cumulative probabilities to score probabilistic forecasts at; empty for point forecasts only.</param>
    /// <param name="trainFrom">UTC start of the history; null: what <c>add forecasts</c> reads (<see cref="RefitSchedule.HistoryStart"/>).</param>
    /// <exception cref="InvalidInputException">Unknown or instantaneous sensor, unknown model, or a bad window.</exception>
    public async Task<IReadOnlyList<BacktestResult>> RunAsync(
        int sensorId, string model, DateTime? trainFrom, DateTime trainUntil, DateTime testUntil, IReadOnlyList<TimeSpan> horizons, IReadOnlyList<double> quantiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        RequirePointForecasts(quantiles);
        var forecaster = ForecastModels.Create(model);
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sensorId, cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {sensorId}");
        var resolution = sensor.EventResolution;
        if (resolution <= TimeSpan.Zero)
        {
            throw new InvalidInputException("sensor", $"sensor {sensor.Id} records instantaneous values; a backtest needs an event resolution");
        }

        var testStart = HorizonMapping.Floor(trainUntil, resolution);
        var testEnd = HorizonMapping.Ceiling(testUntil, resolution);
        if (testEnd <= testStart)
        {
            throw new InvalidInputException("test_until", "must be after --train-until");
        }

        var events = (int)((testEnd - testStart).Ticks / resolution.Ticks);
        var libraryHorizons = horizons.Select(h => HorizonMapping.LibraryHorizon(sensor, h, Enumerable.Range(0, events).Select(i => testStart + (i * resolution)))).ToList();
        var historyStart = HorizonMapping.Floor(trainFrom ?? RefitSchedule.HistoryStart(testStart, libraryHorizons.DefaultIfEmpty().Max(), resolution), resolution);
        var measurements = await forecasts.ReadAsync(sensor.Id, historyStart, testEnd, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);
        measurements = ForecastService.FromFirstMeasurement(measurements, testStart);
        return [.. horizons.Select((h, i) => Backtester.Run(forecaster, measurements, testStart, testEnd, libraryHorizons[i]) with { Horizon = h })];
    }

    /// <summary>
    /// The decision record's benchmark: half-hourly <see cref="SyntheticDemand"/> from 2024-01-01, 8 weeks of
    /// training, 2 test weeks; horizons are belief horizons of an <c>ex_post</c> half-hourly sensor.
    /// </summary>
    public static IReadOnlyList<BacktestResult> Synthetic(int seed, string model, IReadOnlyList<TimeSpan> horizons, IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        RequirePointForecasts(quantiles);
        var forecaster = ForecastModels.Create(model);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var series = SyntheticDemand.HalfHourly(start, 10, seed);
        var trainUntil = start.AddDays(56);
        return [.. horizons.Select(h => Backtester.Run(forecaster, series, trainUntil, series.End, h - series.Resolution) with { Horizon = h })];
    }

    /// <summary>Probabilistic backtests come with the quantile models (issue 11 item 4); until then a clear refusal.</summary>
    private static void RequirePointForecasts(IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Count > 0)
        {
            throw new InvalidInputException("quantiles", "probabilistic backtests are not available in this build; leave --quantiles out");
        }
    }
}

using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Backtesting;
using FlexMeasures.Forecasting.Synthetic;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Backtests a model on a sensor's measurements (or on synthetic demand) without storing anything.</summary>
public sealed class SensorBacktest(FlexMeasuresDbContext db, ForecastService forecasts, ForecastInputs inputs)
{
    /// <param name="horizons">FlexMeasures belief horizons (see <see cref="HorizonMapping"/>).</param>
    /// <param name="trainFrom">UTC start of the history; null: what <c>add forecasts</c> reads (<see cref="RefitSchedule.HistoryStart"/>).</param>
    /// <param name="quantiles">Quantile levels to score (pinball loss, coverage); empty: point forecasts only.</param>
    /// <param name="withoutHolidays">
    /// Forecast as if the sensor's calendar knew no holidays (no country, no holiday annotations), while still scoring
    /// the holiday events apart: the two runs side by side show what the holiday regressor does.
    /// </param>
    /// <exception cref="InvalidInputException">Unknown or instantaneous sensor, unknown model, a bad window or quantile.</exception>
    public async Task<IReadOnlyList<BacktestResult>> RunAsync(
        int sensorId, string model, DateTime? trainFrom, DateTime trainUntil, DateTime testUntil, IReadOnlyList<TimeSpan> horizons, IReadOnlyList<double> quantiles, bool withoutHolidays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        var forecaster = ForecastModels.Create(model);
        var levels = ForecastService.QuantileLevels(quantiles, "quantiles");
        var sensor = await db.Sensors.AsNoTracking().Include(s => s.GenericAsset).ThenInclude(a => a!.GenericAssetType)
            .SingleOrDefaultAsync(s => s.Id == sensorId, cancellationToken)
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
        var historyStart = HorizonMapping.Floor(
            trainFrom ?? RefitSchedule.HistoryStart(testStart, libraryHorizons.DefaultIfEmpty().Max(), resolution) - ForecastService.ExtraHistory(forecaster, levels, resolution), resolution);
        var measurements = await forecasts.ReadAsync(sensor.Id, historyStart, testEnd, resolution, new BeliefQuery { SensorId = sensor.Id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken);
        measurements = ForecastService.FromFirstMeasurement(measurements, testStart);
        var results = new List<BacktestResult>();
        for (var i = 0; i < horizons.Count; i++)
        {
            var lastBeliefTime = KnowledgeHorizons.KnowledgeTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, testEnd - resolution, resolution) - horizons[i];
            var found = await inputs.FindAsync(sensor, forecaster, measurements.Start, testEnd, horizons[i], lastBeliefTime, cancellationToken);
            var calendar = found.Calendar;
            var used = withoutHolidays ? found with { Calendar = calendar with { Country = null, HolidayPeriods = [] } } : found;
            var result = Backtester.Run(forecaster, measurements, testStart, testEnd, libraryHorizons[i], levels, inputs: used.ToRequest);
            results.Add(result with
            {
                Horizon = horizons[i],
                HolidayAccuracy = calendar.HasHolidays ? result.AccuracyWhere(measurements, calendar.IsHolidayAt) : null,
            });
        }

        return results;
    }

    /// <summary>
    /// The decision record's benchmark: half-hourly <see cref="SyntheticDemand"/> from 2024-01-01, 8 weeks of
    /// training, 2 test weeks; horizons are belief horizons of an <c>ex_post</c> half-hourly sensor.
    /// </summary>
    public static IReadOnlyList<BacktestResult> Synthetic(int seed, string model, IReadOnlyList<TimeSpan> horizons, IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        var forecaster = ForecastModels.Create(model);
        var levels = ForecastService.QuantileLevels(quantiles, "quantiles");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var series = SyntheticDemand.HalfHourly(start, 10, seed);
        var trainUntil = start.AddDays(56);
        return [.. horizons.Select(h => Backtester.Run(forecaster, series, trainUntil, series.End, h - series.Resolution, levels) with { Horizon = h })];
    }
}

using System.Globalization;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Units;
using FlexMeasures.Jobs.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>What queueing forecasts after new data did.</summary>
/// <param name="JobIds">The jobs queued.</param>
/// <param name="Problem">Why jobs could not be queued (the data stays saved); null when all went well.</param>
/// <param name="Later">Commands that queue the same jobs later.</param>
public sealed record TriggerResult(IReadOnlyList<string> JobIds, string? Problem, IReadOnlyList<string> Later)
{
    /// <summary>Why sensors with new measurements got no jobs (see <see cref="ForecastTrigger.LeftOut"/>).</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];
}

/// <summary>
/// Queues forecasting jobs for new measurements, one per sensor and horizon (FlexMeasures' rule, widened to every
/// resolution it forecasts well): resolution 5 min to 1 h -> 1, 6, 24 and 48 h; over 1 h up to 1 day -> 24 and
/// 48 h; price sensors (currency per energy) -> 24 and 48 h; other resolutions none, and the caller is told why.
/// Call it after the data is committed.
/// </summary>
public sealed class ForecastTrigger(FlexMeasuresDbContext db, JobQueueClient queue, IOptions<ForecastingOptions> options)
{
    /// <summary>The shortest resolution forecast automatically: finer data gets no jobs (too many events per job).</summary>
    public static TimeSpan FinestResolution { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest resolution forecast automatically: the horizons are 24 and 48 h.</summary>
    public static TimeSpan CoarsestResolution { get; } = TimeSpan.FromDays(1);

    /// <summary>The horizons forecasts are made at for new data of this sensor; none outside 5 min to 1 day.</summary>
    public static IReadOnlyList<TimeSpan> HorizonsFor(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (Prices.IsCurrencyPerEnergy(sensor.Unit))
        {
            return [TimeSpan.FromHours(24), TimeSpan.FromHours(48)];
        }

        var resolution = sensor.EventResolution;
        if (resolution < FinestResolution || resolution > CoarsestResolution)
        {
            return [];
        }

        return resolution <= TimeSpan.FromHours(1)
            ? [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromHours(48)]
            : [TimeSpan.FromHours(24), TimeSpan.FromHours(48)];
    }

    /// <summary>Why a sensor gets no jobs on new data; null when it gets some.</summary>
    public static string? LeftOut(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return HorizonsFor(sensor).Count > 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"sensor {sensor.Id} ({(sensor.EventResolution == TimeSpan.Zero ? "instantaneous" : $"resolution {Data.Time.IsoDuration.Format(sensor.EventResolution)}")}) gets no forecasting jobs on new data: they cover resolutions from {Data.Time.IsoDuration.Format(FinestResolution)} to {Data.Time.IsoDuration.Format(CoarsestResolution)}; use `flexmeasures add forecasts --sensor {sensor.Id} --horizon …` instead");
    }

    public bool Enabled => options.Value.OnNewData;

    /// <summary>
    /// The jobs for new measurements: for horizon <c>H</c> the events from <c>first + H</c> up to <c>last + resolution + H</c>,
    /// the forecasts that the new data made possible.
    /// </summary>
    public async Task<IReadOnlyList<ForecastRun>> RunsForAsync(IReadOnlyList<MeasurementWindow> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var ids = windows.Select(w => w.SensorId).Distinct().ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var runs = new List<ForecastRun>();
        foreach (var window in windows)
        {
            var sensor = sensors[window.SensorId];
            foreach (var horizon in HorizonsFor(sensor))
            {
                runs.Add(new ForecastRun(sensor.Id, window.First + horizon, window.Last + sensor.EventResolution + horizon, horizon, options.Value.Model));
            }
        }

        return runs;
    }

    /// <summary>Queues the jobs; when the queue cannot be reached, says so and how to queue them later.</summary>
    /// <param name="windows">The new measurements.</param>
    /// <param name="workedInProcess">
    /// This process works the in-process queue itself (the web host on the embedded default), so jobs put there are
    /// not lost when the caller returns.
    /// </param>
    /// <param name="cancellationToken">Cancels the queueing.</param>
    public async Task<TriggerResult> QueueAsync(IReadOnlyList<MeasurementWindow> windows, bool workedInProcess, CancellationToken cancellationToken)
    {
        var result = await QueueRunsAsync(windows, workedInProcess, cancellationToken);
        var ids = windows.Select(w => w.SensorId).Distinct().ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return result with { LeftOut = [.. sensors.Select(LeftOut).OfType<string>()] };
    }

    private async Task<TriggerResult> QueueRunsAsync(IReadOnlyList<MeasurementWindow> windows, bool workedInProcess, CancellationToken cancellationToken)
    {
        var runs = await RunsForAsync(windows, cancellationToken);
        var later = runs
            .GroupBy(r => (r.SensorId, r.Model))
            .Select(g => LaterCommand(g.Key.SensorId, g.Min(r => r.Start), g.Max(r => r.End), [.. g.Select(r => r.Horizon).Distinct().Order()], g.Key.Model))
            .ToList();
        if (runs.Count == 0)
        {
            return new TriggerResult([], null, []);
        }

        if (queue.IsInProcess && !workedInProcess)
        {
            return new TriggerResult([], "no job queue is configured (set FLEXMEASURES_REDIS_URL and run workers with `flexmeasures jobs run-worker`)", later);
        }

        var jobIds = new List<string>();
        try
        {
            foreach (var run in runs)
            {
                jobIds.Add(queue.EnqueueForecast(run));
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new TriggerResult(jobIds, $"the job queue at {queue.Description} cannot be reached ({e.Message})", later);
        }

        return new TriggerResult(jobIds, null, later);
    }

    /// <summary>The <c>add forecasts</c> command that queues (at least) the same forecasts.</summary>
    private static string LaterCommand(int sensorId, DateTime first, DateTime until, IReadOnlyList<TimeSpan> horizons, string model) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"flexmeasures add forecasts --sensor {sensorId} --from {first:yyyy-MM-ddTHH:mm:ssZ} --until {until:yyyy-MM-ddTHH:mm:ssZ} " +
            $"{string.Join(" ", horizons.Select(h => $"--horizon {h.TotalHours:0.##}"))} --model {model} --as-job");
}

using FlexMeasures.Jobs.Queue;
using FlexMeasures.Data.Validation;
using Hangfire;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>The forecasting job: arguments are ids and small values; the work is <see cref="ForecastService"/>'s.</summary>
public sealed class ForecastJob(ForecastService forecasts)
{
    /// <summary>Forecasts a sensor's events in <c>[start, end)</c> at one horizon; the result says what was stored.</summary>
    /// <remarks>
    /// Retried 3 times (after 30 s, 2 min, 10 min) before it is marked failed; the exception and the attempts are
    /// kept with the job. Input the service refuses (<see cref="InvalidInputException"/>: a too long window, an
    /// instantaneous sensor) fails at once: a retry would only be refused again. On shutdown the token is cancelled
    /// and the job goes back to the queue.
    /// </remarks>
    [Queue(JobQueues.Forecasting)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(InvalidInputException)])]
    [JobRun]
    public async Task<string> RunAsync(int sensorId, DateTime start, DateTime end, TimeSpan horizon, string model, double[]? quantiles, CancellationToken cancellationToken)
    {
        var outcome = await forecasts.ForecastAsync(
            new ForecastRun(sensorId, DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc), horizon, model, Quantiles: quantiles),
            cancellationToken);
        return outcome.Describe();
    }

    /// <summary>Jobs queued before quantiles existed: the configured default quantiles.</summary>
    [Queue(JobQueues.Forecasting)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobRun]
    public Task<string> RunAsync(int sensorId, DateTime start, DateTime end, TimeSpan horizon, string model, CancellationToken cancellationToken) =>
        RunAsync(sensorId, start, end, horizon, model, null, cancellationToken);
}

using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.RateLimits;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Time;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Forecasts;

/// <summary>
/// Forecasts through the job queue: <c>POST /api/v3_0/sensors/{id}/forecasts/trigger</c> queues one, and
/// <c>GET /api/v3_0/sensors/{id}/forecasts/{job}</c> returns its values once the job is done; and
/// <c>GET /api/v3_0/jobs/{id}</c> tells any job's state.
/// </summary>
internal static class ForecastsApi
{
    public static RouteGroupBuilder MapForecastsApi(this RouteGroupBuilder sensors)
    {
        sensors.MapPost("/{id:int}/forecasts/trigger", TriggerAsync).WithName("TriggerForecast")
            .WithExample(200, """{"status": "PROCESSED", "message": "Forecasting job queued.", "job": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11"}""")
            .WithRequestExample("application/json", """{"start": "2026-12-01T00:00:00+01:00", "duration": "PT24H", "horizon": "PT6H", "model": "auto"}""").WithSummary("Queue a forecast of a sensor").Accepts<JsonObject>("application/json")
            .RequireTriggerLimit();
        sensors.MapGet("/{id:int}/forecasts/{job}", GetForecastAsync).WithName("GetForecast")
            .WithExample(200, """{"values": [12.1, 11.8, 11.5, 11.9], "start": "2026-12-01T00:00:00+00:00", "duration": "PT1H", "unit": "kW", "resolution": "PT15M", "horizon": "PT6H", "model": "double-seasonal", "status": "PROCESSED", "message": "4 forecasts stored."}""").WithSummary("Get the values of a triggered forecast");
        return sensors;
    }

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{id}", GetJobAsync).WithName("GetJob")
            .WithExample(200, """{"job_id": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11", "queue": "scheduling", "status": "FINISHED", "job": "schedule of asset 3", "created_at": "2026-11-30T06:00:00+00:00", "runs": 1, "result": "Scheduled by StorageScheduler.", "exc_info": null, "message": "Job 9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11 is finished."}""").WithSummary("Get a job's state, result and failure");
        return jobs;
    }

    /// <summary>
    /// Body: <c>start</c> (with offset), <c>duration</c> or <c>end</c>, optional <c>horizon</c> (default PT1H),
    /// <c>model</c>, and either FlexMeasures' <c>probabilistic</c> (true: quantiles 0.1, 0.5, 0.9 as FlexMeasures makes
    /// them; false: deterministic) or our <c>quantiles</c> (a list of levels); neither: <c>Forecasting__Quantiles</c>.
    /// </summary>
    internal static async Task<IResult> TriggerAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        FlexMeasuresDbContext db,
        JobQueueClient queue,
        IOptions<ForecastingOptions> options,
        CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.CreateChildren, cancellationToken);
        var run = await ReadRunAsync(id, FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken)), db, options.Value, cancellationToken);

        string job;
        try
        {
            job = queue.EnqueueForecast(run);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ApiErrors.Result(ApiErrors.Http(StatusCodes.Status503ServiceUnavailable, $"The forecast could not be queued: {e.Message}"), StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Json(
            new JsonObject
            {
                ["status"] = "PROCESSED",
                ["message"] = "Forecasting job queued.",
                ["job"] = job,
                ["job-url"] = $"/api/v3_0/sensors/{id}/forecasts/{job}",
            },
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The forecast a trigger asks for (fields as in <see cref="TriggerAsync"/>), from a request body or the asset page's form.</summary>
    /// <exception cref="RequestValidationException">A field is missing or wrong, or the sensor cannot be forecast so.</exception>
    internal static async Task<ForecastRun> ReadRunAsync(int id, FieldReader body, FlexMeasuresDbContext db, ForecastingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var start = body.AwareDateTime("start", required: true);
        var duration = body.Has("end") ? null : body.Duration("duration", required: true);
        var end = body.Has("end") ? body.AwareDateTime("end", required: true) : null;
        var horizon = body.Has("horizon") ? body.Duration("horizon") : TimeSpan.FromHours(1);
        body.Window(start, "duration", duration);
        var model = body.String("model") ?? ForecastModels.Default;
        if (!ForecastModels.Names.Contains(model))
        {
            body.Fail("model", $"Unknown model; known: {string.Join(", ", ForecastModels.Names)}.");
        }

        if (horizon is { } h && h <= TimeSpan.Zero)
        {
            body.Fail("horizon", "Must be positive.");
        }

        var quantiles = Quantiles(body);

        body.ThrowIfInvalid();
        var windowField = body.Has("end") ? "end" : "duration";
        var from = start!.Value.UtcDateTime;
        var length = end is { } endAt ? endAt.UtcDateTime - from : duration!.Value;
        if (length <= TimeSpan.Zero)
        {
            body.Fail(windowField, "The forecast window must end after it starts.");
            body.ThrowIfInvalid();
        }

        var sensor = await db.Sensors.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
        if (sensor.EventResolution <= TimeSpan.Zero)
        {
            body.Fail("start", "Instantaneous sensors cannot be forecast; give a sensor with a resolution.");
            body.ThrowIfInvalid();
        }

        // Refused here, before anything is queued: the job would refuse it too, after taking a worker's time.
        if (options.WindowProblem(length, sensor.EventResolution) is { } tooLong)
        {
            body.Fail(windowField, tooLong);
            body.ThrowIfInvalid();
        }

        return new ForecastRun(id, from, from + length, horizon!.Value, model, Quantiles: quantiles);
    }

    /// <summary>The quantile levels a trigger asks for (see <see cref="TriggerAsync"/>); null: the configured default.</summary>
    private static IReadOnlyList<double>? Quantiles(FieldReader body)
    {
        if (body.Has("quantiles"))
        {
            if (body.Raw("quantiles") is not JsonArray list || list.Any(item => body.AsNumber(item) is null))
            {
                body.Fail("quantiles", "Must be a list of numbers between 0 and 1, e.g. [0.1, 0.5, 0.9].");
                return null;
            }

            try
            {
                return FlexMeasures.Forecasting.Probabilistic.Quantiles.Normalise(list.Select(item => body.AsNumber(item)!.Value));
            }
            catch (ArgumentException e)
            {
                body.Fail("quantiles", e.Message);
                return null;
            }
        }

        return body.Boolean("probabilistic") switch
        {
            true => ProbabilisticDefault,
            false => [],
            null => null,
        };
    }

    /// <summary>FlexMeasures' quantiles when <c>probabilistic</c> is true (its LightGBM model's default).</summary>
    private static readonly IReadOnlyList<double> ProbabilisticDefault = [0.1, 0.5, 0.9];

    internal static async Task<IResult> GetForecastAsync(
        int id,
        string job,
        ApiUser user,
        Authorizer authorizer,
        JobQueueClient queue,
        FlexMeasuresDbContext db,
        SeriesReader reader,
        CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Read, cancellationToken);
        var description = queue.Find(job);
        if (description is null || queue.FindForecastRun(job) is not { } run || run.SensorId != id)
        {
            return ApiErrors.Result(ApiErrors.Http(StatusCodes.Status404NotFound, $"No forecasting job {job} for sensor {id}."), StatusCodes.Status404NotFound);
        }

        var status = Status(description.State);
        if (status == "FAILED")
        {
            return TypedResults.Json(
                new JsonObject { ["status"] = status, ["message"] = $"The forecasting job failed: {FailureMessage(description)}" },
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (status != "FINISHED")
        {
            return TypedResults.Json(
                new JsonObject { ["status"] = status, ["message"] = "The forecast is not ready yet; try again shortly." },
                statusCode: StatusCodes.Status202Accepted);
        }

        var models = ForecastModels.MadeBy(run.Model);
        var sources = await db.DataSources.AsNoTracking()
            .Where(s => s.Type == ForecasterSources.SourceType && models.Contains(s.Model!)).Select(s => s.Id).ToListAsync(cancellationToken);
        var series = await reader.ReadAsync(
            new SeriesQuery(id, run.Start, run.End - run.Start, Beliefs: new BeliefQuery
            {
                SensorId = id,
                SourceIds = sources,
                HorizonsAtLeast = run.Horizon,
                HorizonsAtMost = run.Horizon,
            }),
            cancellationToken);
        return TypedResults.Ok(new JsonObject
        {
            ["values"] = new JsonArray([.. series.Values.Select(v => v is { } x ? JsonValue.Create(x) : null)]),
            ["start"] = run.Start.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture),
            ["duration"] = IsoDuration.Format(series.Duration),
            ["unit"] = series.Unit,
            ["resolution"] = IsoDuration.Format(series.Resolution),
            ["horizon"] = IsoDuration.Format(run.Horizon),
            ["model"] = run.Model,
            ["status"] = "PROCESSED",
            ["message"] = description.Result,
        });
    }

    internal static async Task<IResult> GetJobAsync(string id, ApiUser user, Authorizer authorizer, JobQueueClient queue, CancellationToken cancellationToken)
    {
        var description = queue.Find(id);
        if (description is null)
        {
            return ApiErrors.Result(ApiErrors.Http(StatusCodes.Status404NotFound, $"No job {id}."), StatusCodes.Status404NotFound);
        }

        // A forecasting or scheduling job may be seen by whoever may read its sensors (or asset); other jobs by admins and admin-readers.
        if (queue.FindForecastRun(id) is { } run)
        {
            await authorizer.RequireSensorAsync(user, run.SensorId, Permission.Read, cancellationToken);
        }
        else if (queue.FindScheduleRun(id) is { } schedule)
        {
            if (schedule.AssetId is { } assetId)
            {
                await authorizer.RequireAssetAsync(user, assetId, Permission.Read, cancellationToken);
            }

            foreach (var sensorId in schedule.PowerSensors)
            {
                await authorizer.RequireSensorAsync(user, sensorId, Permission.Read, cancellationToken);
            }
        }
        else if (!AccessPolicy.Admits(user, Permission.Read))
        {
            return ApiErrors.Result(ApiErrors.Forbidden(), StatusCodes.Status403Forbidden);
        }

        return TypedResults.Ok(new JsonObject
        {
            ["job_id"] = description.Id,
            ["queue"] = description.Queue,
            ["status"] = Status(description.State),
            ["job"] = description.Job,
            ["created_at"] = description.CreatedAt?.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture),
            ["runs"] = description.Runs,
            ["result"] = description.Result,
            ["exc_info"] = FailureMessage(description),
            ["message"] = $"Job {description.Id} is {Status(description.State).ToLowerInvariant()}.",
        });
    }

    /// <summary>
    /// What users may read of a job's failure: the exception's message, never its type, stack trace or source paths
    /// (admins find those in the dashboard and in <c>flexmeasures jobs show</c>).
    /// </summary>
    private static string? FailureMessage(JobDescription job) =>
        job.History.LastOrDefault(h => h.State == FailedState.StateName) is { } failed
            ? failed.Data.GetValueOrDefault("ExceptionMessage") ?? "The job failed."
            : null;

    /// <summary>FlexMeasures' (RQ's) job statuses.</summary>
    private static string Status(string state) => state.ToUpperInvariant() switch
    {
        "ENQUEUED" or "QUEUED" or "SCHEDULED" or "AWAITING" => "QUEUED",
        "PROCESSING" or "RUNNING" => "STARTED",
        "SUCCEEDED" => "FINISHED",
        "FAILED" => "FAILED",
        "DELETED" => "CANCELED",
        var other => other,
    };
}

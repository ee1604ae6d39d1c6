using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.RateLimits;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Schedules;

/// <summary>
/// Schedules through the job queue, as FlexMeasures v3 serves them: <c>POST /assets/{id}/schedules/trigger</c> (a list
/// of flex-models, each with its power sensor), the deprecated <c>POST /sensors/{id}/schedules/trigger</c> (one
/// flex-model), and <c>GET /sensors/{id}/schedules/{job}</c> for the values once the job is done.
/// </summary>
/// <remarks>
/// A job that is not done yet answers 400 <c>UNKNOWN_SCHEDULE</c> with "Scheduling job waiting to be processed." or
/// "Scheduling job in progress.", as FlexMeasures does unless its API sunset is active: flexmeasures-client polls on
/// exactly those messages (a 202 would end its polling with no values).
/// </remarks>
internal static class SchedulesApi
{
    public static RouteGroupBuilder MapSensorSchedulesApi(this RouteGroupBuilder sensors)
    {
        sensors.MapPost("/{id:int}/schedules/trigger", TriggerSensorAsync).WithName("TriggerSensorSchedule")
            .WithExample(200, """{"status": "ACCEPTED", "message": "Request has been accepted for processing.", "job": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11", "schedule": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11"}""")
            .WithRequestExample("application/json", """{"start": "2026-12-01T00:00:00+01:00", "duration": "PT24H", "flex-model": {"soc-at-start": "225 kWh", "soc-min": "50 kWh", "soc-max": "450 kWh"}, "flex-context": {"consumption-price": {"sensor": 1}}}""")
            .WithSummary("Queue a schedule for one device (deprecated: use the asset trigger)").Accepts<JsonObject>("application/json")
            .RequireTriggerLimit();
        sensors.MapGet("/{id:int}/schedules/{job}", GetScheduleAsync).WithName("GetSchedule")
            .WithExample(200, """{"scheduler_info": {"scheduler": "StorageScheduler"}, "values": [0.5, 0.5, 0.0, -0.25], "start": "2026-12-01T00:00:00+01:00", "duration": "PT1H", "unit": "MW", "status": "PROCESSED", "message": "Scheduled by StorageScheduler."}""")
            .WithExample(400, """{"status": "UNKNOWN_SCHEDULE", "message": "Scheduling job in progress."}""").WithSummary("Get the schedule a scheduling job made for a sensor");
        return sensors;
    }

    public static RouteGroupBuilder MapAssetSchedulesApi(this RouteGroupBuilder assets)
    {
        assets.MapPost("/{id:int}/schedules/trigger", TriggerAssetAsync).WithName("TriggerAssetSchedule")
            .WithExample(200, """{"status": "ACCEPTED", "message": "Request has been accepted for processing.", "job": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11", "schedule": "9f2c3ad0-4b1e-4c1e-9a47-1f0f1a6a2d11"}""")
            .WithRequestExample("application/json", """{"start": "2026-12-01T00:00:00+01:00", "duration": "PT24H", "flex-model": [{"sensor": 4, "soc-at-start": "225 kWh", "soc-max": "450 kWh"}], "flex-context": {"consumption-price": {"sensor": 1}}}""")
            .WithSummary("Queue a schedule for the devices of an asset, planned together").Accepts<JsonObject>("application/json")
            .RequireTriggerLimit();
        return assets;
    }

    internal static async Task<IResult> TriggerSensorAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, SchedulePlanner planner, JobQueueClient queue, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.CreateChildren, cancellationToken);
        var (scheduleRequest, forceNew) = await ReadAsync(request, sensorId: id, assetId: null, cancellationToken);
        var result = await QueueAsync(scheduleRequest, forceNew, user, authorizer, planner, queue, cancellationToken);

        // FlexMeasures marks this endpoint deprecated in favour of the asset trigger.
        request.HttpContext.Response.Headers["Deprecation"] = "true";
        return result;
    }

    internal static async Task<IResult> TriggerAssetAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, SchedulePlanner planner, JobQueueClient queue, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.CreateChildren, cancellationToken);
        var (scheduleRequest, forceNew) = await ReadAsync(request, sensorId: null, assetId: id, cancellationToken);
        return await QueueAsync(scheduleRequest, forceNew, user, authorizer, planner, queue, cancellationToken);
    }

    internal static async Task<IResult> GetScheduleAsync(
        int id,
        string job,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        JobQueueClient queue,
        FlexMeasuresDbContext db,
        SeriesReader reader,
        CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Read, cancellationToken);
        var query = FieldReader.FromQuery(request.Query);
        var duration = query.Has("duration") ? query.Duration("duration") : TimeSpan.FromHours(6);
        var unit = query.String("unit");
        var signConvention = query.String("sign-convention") ?? "consumption-positive";
        if (signConvention is not ("consumption-positive" or "production-positive" or "wysiwyg"))
        {
            query.Fail("sign-convention", "Must be one of: consumption-positive, production-positive, wysiwyg.");
        }

        var sensor = await db.Sensors.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
        if (unit is not null && !UnitConverter.AreConvertible(sensor.Unit, unit, durationKnown: sensor.EventResolution > TimeSpan.Zero))
        {
            query.Fail("unit", $"Incompatible units: {sensor.Unit} cannot be converted to {unit}.");
        }

        query.ThrowIfInvalid();
        if (queue.Find(job) is not { } description || queue.FindScheduleRun(job) is not { } run || !run.PowerSensors.Contains(id))
        {
            return Rejected("UNRECOGNIZED_UDI_EVENT", $"The requested UDI event (id = {job}, type = job) is not known.");
        }

        var schedulerUsed = $"{run.Scheduler} was used.";
        var scheduler = new JsonObject { ["scheduler"] = run.Scheduler };
        switch (description.State)
        {
            case "queued" or "scheduled" or "awaiting":
                return Rejected("UNKNOWN_SCHEDULE", $"Scheduling job waiting to be processed. {schedulerUsed}");
            case "running":
                return Rejected("UNKNOWN_SCHEDULE", $"Scheduling job in progress. {schedulerUsed}");
            case "failed":
                return Rejected("UNKNOWN_SCHEDULE", $"Scheduling job failed with {FirstLine(description.Exception)}. {schedulerUsed}");
            case "succeeded":
                break;
            default:
                return Rejected("UNKNOWN_SCHEDULE", $"Scheduling job has an unknown status. {schedulerUsed}");
        }

        var sourceId = description.Result is { } result && JsonNode.Parse(result) is JsonObject outcome && outcome["source"] is JsonValue v && v.TryGetValue<int>(out var s) ? s : (int?)null;
        if (sourceId is null)
        {
            return Rejected("UNKNOWN_SCHEDULE", $"A scheduling job has been processed with your job ID, but no data source could be found for it. {schedulerUsed}");
        }

        var end = Min(run.End, run.Start + duration!.Value);
        var series = await reader.ReadAsync(
            new SeriesQuery(id, run.Start, end - run.Start, sensor.EventResolution, unit, new BeliefQuery
            {
                SensorId = id,
                SourceIds = [sourceId.Value],

                // As held at the job's belief time: a value equal to an earlier schedule's was not stored again.
                BeliefsBefore = run.BeliefTime,
            }),
            cancellationToken);

        // Stored as the sensor says (production positive unless consumption_is_positive); answered as asked.
        var sign = signConvention switch
        {
            "consumption-positive" => PowerSign.Of(sensor.Attributes),
            "production-positive" => -PowerSign.Of(sensor.Attributes),
            _ => 1,
        };
        var values = series.Values.Select(x => x is { } value ? JsonValue.Create(value == 0 ? 0 : sign * value) : null);
        return TypedResults.Ok(new JsonObject
        {
            ["scheduler_info"] = scheduler,
            ["values"] = new JsonArray([.. values]),
            ["start"] = ApiTime.DateTime(new DateTimeOffset(run.Start, TimeSpan.Zero)),
            ["duration"] = IsoDuration.Format(end - run.Start),
            ["unit"] = series.Unit,
            ["status"] = "PROCESSED",
            ["message"] = schedulerUsed,
        });
    }

    /// <summary>FlexMeasures' trigger fields: <c>start</c>, <c>duration</c>, <c>resolution</c>, <c>prior</c>, <c>flex-model</c>, <c>flex-context</c>, <c>force-new-job-creation</c>.</summary>
    private static async Task<(ScheduleRequest Request, bool ForceNew)> ReadAsync(HttpRequest request, int? sensorId, int? assetId, CancellationToken cancellationToken) =>
        Read(FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken)), sensorId, assetId);

    /// <summary>The trigger's fields, from a request body or the asset page's form.</summary>
    /// <exception cref="RequestValidationException">A field is missing or wrong.</exception>
    internal static (ScheduleRequest Request, bool ForceNew) Read(FieldReader body, int? sensorId, int? assetId)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = body.AwareDateTime("start", required: true);
        var duration = body.Has("duration") ? body.Duration("duration") : null;
        var resolution = body.Has("resolution") ? body.Duration("resolution") : null;
        var prior = body.AwareDateTime("prior");

        // FlexMeasures still takes the older spelling.
        var forceNew = body.Boolean("force-new-job-creation") ?? body.Boolean("force_new_job_creation") ?? false;
        var flexContext = body.Raw("flex-context");
        if (flexContext is not null and not JsonObject)
        {
            body.Fail("flex-context", "`flex-context` must be an object.");
        }

        body.ThrowIfInvalid();
        return (new ScheduleRequest(sensorId, assetId, start!.Value, duration, resolution, prior, body.Raw("flex-model")?.DeepClone(), flexContext?.DeepClone() as JsonObject), forceNew);
    }

    private static async Task<IResult> QueueAsync(
        ScheduleRequest request, bool forceNew, ApiUser user, Authorizer authorizer, SchedulePlanner planner, JobQueueClient queue, CancellationToken cancellationToken)
    {
        string job;
        try
        {
            job = await EnqueueAsync(request, forceNew, user, authorizer, planner, queue, cancellationToken);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return ApiErrors.Result(ApiErrors.Http(StatusCodes.Status503ServiceUnavailable, $"The schedule could not be queued: {e.Message}"), StatusCodes.Status503ServiceUnavailable);
        }

        var response = new JsonObject
        {
            ["status"] = "ACCEPTED",
            ["message"] = "Request has been accepted for processing.",
            ["job"] = job,
            ["job-url"] = $"/api/v3_0/jobs/{job}",
        };
        if (request.SensorId is { } sensor)
        {
            response["results-url"] = $"/api/v3_0/sensors/{sensor}/schedules/{job}";
        }

        response["schedule"] = job;
        return TypedResults.Json(response, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Plans the schedule and queues its job (for the trigger endpoints and the asset page's button); an identical
    /// trigger within the job cache's lifetime gets the earlier job, as in FlexMeasures.
    /// </summary>
    /// <returns>The job's id.</returns>
    /// <exception cref="FlexMeasures.Data.Scheduling.FlexConfigException">The request cannot be scheduled; nothing was queued.</exception>
    /// <exception cref="AccessDeniedException">The user may not write to a device's power sensor.</exception>
    /// <exception cref="StackExchange.Redis.RedisException">The queue cannot be reached.</exception>
    internal static async Task<string> EnqueueAsync(
        ScheduleRequest request, bool forceNew, ApiUser user, Authorizer authorizer, SchedulePlanner planner, JobQueueClient queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(queue);
        var run = await planner.PrepareAsync(request, sensor => AccessPolicy.MayAccessSensor(user, new Owner(sensor.AccountId, sensor.ConsultancyAccountId), Permission.Read), cancellationToken);

        // Writing a schedule is writing data: every device's power sensor must take the user's beliefs.
        foreach (var sensorId in run.PowerSensors)
        {
            await authorizer.RequireSensorAsync(user, sensorId, Permission.CreateChildren, cancellationToken);
        }

        return queue.EnqueueSchedule(run, run.TriggerKey(beliefTimeGiven: request.Prior is not null), forceNew).Id;
    }

    private static IResult Rejected(string status, string message) =>
        ApiErrors.Result(new ApiError(message, status, "Rejected"), StatusCodes.Status400BadRequest);

    private static string FirstLine(string? exception) =>
        exception is null ? "an unknown error" : exception.Split('\n', 2)[0].Trim().TrimEnd('.');

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

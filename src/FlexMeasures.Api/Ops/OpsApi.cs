using System.Security.Cryptography;
using System.Text;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.TaskRuns;
using FlexMeasures.Data.Users;
using FlexMeasures.Jobs.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Ops;

/// <summary>Endpoints for operators, load balancers and monitoring: liveness, readiness, latest task runs.</summary>
internal static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ops/ping", Ping).WithName("Ping")
            .WithExample(200, """{"message": "ok"}""").WithTags("Ops")
            .WithSummary("Check that the server answers");
        routes.MapGet("/api/v3_0/health/ready", ReadyAsync).WithName("HealthReady")
            .WithExample(200, """{"database_sql": true, "database_redis": true, "accepts_data": true, "accepts_jobs": true, "down": []}""").WithTags("Ops")
            .WithSummary("Check that the database (and Redis, when jobs go there) can be reached; 503 naming what is down");
        routes.MapGet("/api/ops/getLatestTaskRun", GetLatestTaskRunAsync).WithName("GetLatestTaskRun")
            .WithExample(200, """{"status": "OK", "reason": "", "lastrun": "2026-11-30T06:00:00+00:00", "frequency": 10, "process": "FlexMeasures", "server": ""}""").WithTags("Ops")
            .WithSummary("When a task (by name) last ran, and whether it succeeded");
        routes.MapPost("/api/ops/postLatestTaskRun", PostLatestTaskRunAsync).WithName("PostLatestTaskRun").WithTags("Ops")
            .RequireAuthorization()
            .WithSummary("Record that a task ran (form fields name, status, datetime); users with the task-runner role")
            .WithExample(StatusCodes.Status200OK, """{"status": "OK"}""")
            .WithExample(StatusCodes.Status400BadRequest, """{"status": "ERROR", "reason": "No task name given."}""");
        return routes;
    }

    internal static Ok<PingResponse> Ping() => TypedResults.Ok(new PingResponse("ok"));

    internal static async Task<JsonHttpResult<ReadinessResponse>> ReadyAsync(
        IDbContextFactory<FlexMeasuresDbContext> contexts,
        JobQueueClient queue,
        CancellationToken cancellationToken)
    {
        bool databaseReachable;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            databaseReachable = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            databaseReachable = false;
        }

        // Redis only counts where it is configured; the embedded default's queue lives in this process.
        bool? redisReachable = null;
        if (!queue.IsInProcess)
        {
            try
            {
                queue.Statistics();
                redisReachable = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                redisReachable = false;
            }
        }

        // Data is taken while the database is up, whatever Redis does: new measurements are stored and only their
        // forecasting jobs wait. So a load balancer keeps this host while the body says that jobs cannot be queued.
        var jobsReachable = redisReachable != false;
        string[] down = [.. databaseReachable ? [] : new[] { "database" }, .. jobsReachable ? [] : new[] { "redis" }];
        var response = new ReadinessResponse(databaseReachable, redisReachable, databaseReachable, jobsReachable, down);
        return TypedResults.Json(response, statusCode: databaseReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// The latest run of a task, for monitoring tools. Authenticated by the shared token of
    /// <c>FLEXMEASURES_TASK_CHECK_AUTH_TOKEN</c> in the <c>Authorization</c> header, not by a user token.
    /// </summary>
    internal static async Task<JsonHttpResult<TaskRunResponse>> GetLatestTaskRunAsync(
        HttpRequest request,
        TaskRunRecorder recorder,
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var name = request.Query["name"].ToString();
        if (!request.Headers.TryGetValue("Authorization", out var sent))
        {
            return TaskRun(StatusCodes.Status401Unauthorized, "ERROR", "Not authenticated to check task status.", null);
        }

        var expected = options.Value.TaskCheckAuthToken;
        if (string.IsNullOrEmpty(expected)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent.ToString()), Encoding.UTF8.GetBytes(expected)))
        {
            return TaskRun(StatusCodes.Status403Forbidden, "ERROR", "Not authorized to check task status.", null);
        }

        if (name.Length == 0)
        {
            return TaskRun(StatusCodes.Status400BadRequest, "ERROR", "No task name given.", null);
        }

        var run = await recorder.FindAsync(name, cancellationToken);
        return run is null
            ? TaskRun(StatusCodes.Status404NotFound, "ERROR", $"Task {name} has no last run time.", null)
            : TaskRun(StatusCodes.Status200OK, run.Status ? "OK" : "ERROR", "", DateTime.SpecifyKind(run.Datetime, DateTimeKind.Utc));
    }

    /// <summary>
    /// Records a task's latest run, as FlexMeasures' <c>postLatestTaskRun</c>: form fields <c>name</c>, <c>status</c>
    /// (<c>True</c> unless it says otherwise) and <c>datetime</c> (ISO 8601 with offset; default: now). A user token with
    /// the <c>task-runner</c> role is required.
    /// </summary>
    internal static async Task<IResult> PostLatestTaskRunAsync(
        ApiUser user,
        HttpRequest request,
        TaskRunRecorder recorder,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!user.Roles.Contains(UserRoles.TaskRunner))
        {
            throw new AccessDeniedException($"{ApiErrors.ForbiddenMessage} It requires the {UserRoles.TaskRunner} role.");
        }

        var form = FieldReader.FromForm(request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty, "form");
        var name = form.String("name") ?? "";
        if (name.Trim().Length == 0)
        {
            return TypedResults.Json(new TaskRunPostResponse("ERROR", "No task name given."), statusCode: StatusCodes.Status400BadRequest);
        }

        // FlexMeasures counts anything but "True" as a failed run; a typo should not silently report a failure.
        var status = form.String("status") switch
        {
            null or "True" or "true" => true,
            "False" or "false" => false,
            var other => Fail(form, "status", $"Must be True or False, not '{other}'."),
        };
        var ranAt = form.AwareDateTime("datetime");
        form.RejectUnknown(["name", "status", "datetime"]);
        form.ThrowIfInvalid();

        await recorder.RecordAsync(name, status, ranAt?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Json(new TaskRunPostResponse("OK", null));
    }

    private static bool Fail(FieldReader form, string field, string message)
    {
        form.Fail(field, message);
        return false;
    }

    private static JsonHttpResult<TaskRunResponse> TaskRun(int statusCode, string status, string reason, DateTime? lastRun) =>
        TypedResults.Json(
            new TaskRunResponse(status, reason, lastRun is { } utc ? new DateTimeOffset(utc) : DateTimeOffset.UnixEpoch, 10, "FlexMeasures", ""),
            statusCode: statusCode);
}

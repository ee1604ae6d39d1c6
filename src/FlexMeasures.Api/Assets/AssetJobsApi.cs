using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Assets;

/// <summary><c>GET /api/v3_0/assets/{id}/jobs</c>: the scheduling jobs of the asset and the forecasting and scheduling jobs of its sensors.</summary>
internal static class AssetJobsApi
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    public static RouteGroupBuilder MapAssetJobsApi(this RouteGroupBuilder assets)
    {
        assets.MapGet("/{id:int}/jobs", GetJobsAsync).WithName("GetAssetJobs")
            .WithSummary("Get all background jobs related to an asset (its scheduling jobs, and its sensors' forecasting and scheduling jobs)")
            .WithExample(StatusCodes.Status200OK, """
                {"jobs": [{"job_id": "3f2a9c1d-5b7e-4c1a-9d2e-8f6b1a0c4d3e", "metadata": "{\n    \"job_id\": \"3f2a9c1d-5b7e-4c1a-9d2e-8f6b1a0c4d3e\"\n}",
                  "queue": "scheduling", "asset_or_sensor_type": "asset", "entity": "asset: Building A (Id: 1)", "status": "finished",
                  "err": null, "enqueued_at": "2023-10-01T00:00:00+00:00", "metadata_hash": "abc123"}],
                 "redis_connection_err": null}
                """);
        return assets;
    }

    internal static async Task<Ok<AssetJobsResponse>> GetJobsAsync(
        int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, JobQueueClient queue, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(await ListAsync(id, db, queue, cancellationToken));
    }

    /// <summary>The jobs of an asset the caller has checked the user may read (also listed on the asset's page).</summary>
    internal static async Task<AssetJobsResponse> ListAsync(int id, FlexMeasuresDbContext db, JobQueueClient queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(queue);
        var assetName = await db.GenericAssets.Where(a => a.Id == id).Select(a => a.Name).SingleAsync(cancellationToken);
        var sensors = await db.Sensors.AsNoTracking().Where(s => s.GenericAssetId == id).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name })
            .ToListAsync(cancellationToken);

        // FlexMeasures' order: the asset's scheduling jobs, then per sensor its scheduling and forecasting jobs.
        var lists = new List<(string Queue, string Type, int Id, string Name)> { (JobQueues.Scheduling, "asset", id, assetName) };
        foreach (var sensor in sensors)
        {
            lists.Add((JobQueues.Scheduling, "sensor", sensor.Id, sensor.Name));
            lists.Add((JobQueues.Forecasting, "sensor", sensor.Id, sensor.Name));
        }

        var jobs = new List<AssetJobResponse>();
        try
        {
            foreach (var (queueName, type, entityId, name) in lists)
            {
                jobs.AddRange(queue.ListFor(type, entityId, queueName).Select(job => Describe(job, queueName, type, entityId, name)));
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new AssetJobsResponse([], $"The job queue cannot be reached: {e.Message}");
        }

        return new AssetJobsResponse(jobs, null);
    }

    private static AssetJobResponse Describe(JobDescription job, string queue, string type, int entityId, string name)
    {
        var metadata = JsonSerializer.Serialize(
            new Dictionary<string, object> { ["job"] = job.Job, ["arguments"] = job.Arguments, ["job_id"] = job.Id },
            Indented);
        var failure = job.History.LastOrDefault(h => h.State == FailedState.StateName);
        var err = job.State == "failed"
            ? $"Scheduling job failed with {ShortName(failure?.Data.GetValueOrDefault("ExceptionType"))}: {failure?.Data.GetValueOrDefault("ExceptionMessage")}"
            : null;
        var enqueued = job.History.FirstOrDefault(h => h.State == EnqueuedState.StateName)?.At ?? job.CreatedAt;
        return new AssetJobResponse(
            job.Id,
            metadata,
            queue,
            type,
            string.Create(CultureInfo.InvariantCulture, $"{type}: {name} (Id: {entityId})"),
            RqStatus(job.State),
            err,
            enqueued is { } at ? ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : null,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metadata))));
    }

    /// <summary>The status words of RQ, the queue FlexMeasures runs on, which its clients and UI know.</summary>
    internal static string RqStatus(string state) => state switch
    {
        "queued" => "queued",
        "running" => "started",
        "succeeded" => "finished",
        "failed" => "failed",
        "scheduled" => "scheduled",
        "awaiting" => "deferred",
        "deleted" => "canceled",
        _ => state,
    };

    private static string ShortName(string? type) => type is null ? "Exception" : type[(type.LastIndexOf('.') + 1)..];
}

using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Assets;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Forecasts;
using FlexMeasures.Api.RateLimits;
using FlexMeasures.Api.Requests;
using FlexMeasures.Api.Schedules;
using FlexMeasures.Api.Ui.Graphs;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Validation;
using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using FlexMeasures.Jobs.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Ui.Pages.Assets;

/// <summary>
/// An asset's page: its properties, settings, parent and children, sensors and latest jobs, buttons that trigger a
/// schedule or a forecast through the same code as the API's trigger endpoints, and (partial <c>_AssetGraph</c>) the
/// graph of its sensors.
/// </summary>
internal sealed class AssetModel(
    FlexMeasuresDbContext db,
    Authorizer authorizer,
    JobQueueClient queue,
    SchedulePlanner planner,
    IOptions<ForecastingOptions> forecasting,
    ApiRateLimiter limiter,
    TimeProvider clock) : UiPageModel
{
    public GenericAsset Asset { get; private set; } = null!;

    public IReadOnlyList<ChildAsset> Children { get; private set; } = [];

    public AssetJobsResponse Jobs { get; private set; } = new([], null);

    /// <summary>The graph's period (from the page's period links and date picker) and zone.</summary>
    public GraphView Graph { get; private set; } = null!;

    /// <summary>The user may write schedules here, and the asset (or one below it) stores a flex-model naming its device.</summary>
    public bool MaySchedule { get; private set; }

    /// <summary>The user may add beliefs (forecasts) to this asset's sensors.</summary>
    public bool MayForecast { get; private set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? Duration { get; set; }

    [BindProperty]
    public int? SensorId { get; set; }

    /// <summary>The job a trigger just queued.</summary>
    public string? QueuedJob { get; private set; }

    public string? QueuedWhat { get; private set; }

    /// <summary>Why a trigger was refused (nothing was queued then).</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task OnGetAsync(int id, string? period, string? date, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken, period, date);

    public async Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(Viewer, id, Permission.CreateChildren, cancellationToken);
        await TriggerAsync(
            "schedule",
            id,
            async ct =>
            {
                var (request, forceNew) = SchedulesApi.Read(FieldReader.FromJson(TriggerFields()), sensorId: null, assetId: id);
                return await SchedulesApi.EnqueueAsync(request, forceNew, Viewer, authorizer, planner, queue, ct);
            },
            cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostForecastAsync(int id, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(Viewer, id, Permission.Read, cancellationToken);
        var sensorId = SensorId ?? 0;
        if (!await db.Sensors.AnyAsync(s => s.Id == sensorId && s.GenericAssetId == id, cancellationToken))
        {
            throw new ResourceNotFoundException($"Sensor {sensorId} is not a sensor of asset {id}");
        }

        await authorizer.RequireSensorAsync(Viewer, sensorId, Permission.CreateChildren, cancellationToken);
        await TriggerAsync(
            "forecast",
            null,
            async ct =>
            {
                var run = await ForecastsApi.ReadRunAsync(sensorId, FieldReader.FromJson(TriggerFields()), db, forecasting.Value, ct);
                return queue.EnqueueForecast(run);
            },
            cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Where the API tells a job's state (the session cookie is accepted there).</summary>
    public static string JobUrl(string job) => $"/api/v3_0/jobs/{Uri.EscapeDataString(job)}";

    /// <summary>The form's fields under the names the trigger endpoints take; blank ones left out, as a client would.</summary>
    private JsonObject TriggerFields()
    {
        var fields = new JsonObject();
        if (!string.IsNullOrWhiteSpace(Start))
        {
            fields["start"] = Start.Trim();
        }

        if (!string.IsNullOrWhiteSpace(Duration))
        {
            fields["duration"] = Duration.Trim();
        }

        return fields;
    }

    /// <summary>
    /// Runs a trigger, counted against the same trigger rate limit as the API's (a refused one gives its count back);
    /// what the user got wrong (or a queue that cannot be reached) is shown on the page, with the status the API would answer.
    /// </summary>
    /// <param name="assetId">The asset a schedule is for (its own budget under <c>account+asset</c>).</param>
    private async Task TriggerAsync(string what, int? assetId, Func<CancellationToken, Task<string>> trigger, CancellationToken cancellationToken)
    {
        var take = limiter.Enabled ? limiter.TakeTrigger(HttpContext, assetId) : null;
        if (take is { Window.Granted: false })
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(take.Window.RetryAfter);
            Refuse(StatusCodes.Status429TooManyRequests, [ApiRateLimiting.RefusedMessage(take)]);
            return;
        }

        var accepted = false;
        try
        {
            QueuedJob = await trigger(cancellationToken);
            QueuedWhat = what;
            accepted = true;
        }
        catch (RequestValidationException e)
        {
            Refuse(StatusCodes.Status422UnprocessableEntity, Problems(e));
        }
        catch (FlexConfigException e)
        {
            Refuse(StatusCodes.Status422UnprocessableEntity, [e.Message]);
        }
        catch (InvalidInputException e)
        {
            Refuse(StatusCodes.Status422UnprocessableEntity, [$"{e.Field}: {e.Message}"]);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            Refuse(StatusCodes.Status503ServiceUnavailable, [$"The {what} could not be queued: {e.Message}"]);
        }
        finally
        {
            if (!accepted && take is not null)
            {
                limiter.Return(take);
            }
        }
    }

    private void Refuse(int status, IReadOnlyList<string> problems)
    {
        Refusals = problems;
        Response.StatusCode = status;
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken, string? period = null, string? date = null)
    {
        var owner = await authorizer.RequireAssetAsync(Viewer, id, Permission.Read, cancellationToken);
        Asset = await db.GenericAssets.AsNoTracking()
            .Include(a => a.GenericAssetType).Include(a => a.Account).Include(a => a.ParentAsset).Include(a => a.Sensors)
            .AsSplitQuery()
            .SingleAsync(a => a.Id == id, cancellationToken);
        Children = await db.GenericAssets.AsNoTracking().Where(a => a.ParentAssetId == id).OrderBy(a => a.Name)
            .Select(a => new ChildAsset(a.Id, a.Name, a.GenericAssetType!.Name)).ToListAsync(cancellationToken);
        Jobs = await AssetJobsApi.ListAsync(id, db, queue, cancellationToken);

        // The schedule button only where the trigger can work without a flex-model in the request: one stored in the tree.
        var tree = await AssetTree.DescendantsAndSelfAsync(db, id, cancellationToken);
        var flexModels = await db.GenericAssets.AsNoTracking().Where(a => tree.Contains(a.Id)).Select(a => a.FlexModel).ToListAsync(cancellationToken);
        MaySchedule = AccessPolicy.MayAccessAsset(Viewer, owner, Permission.CreateChildren)
            && flexModels.Any(m => Json.ParseObject(m, "flex_model")["sensor"] is not null);
        MayForecast = AccessPolicy.MayAccessSensor(Viewer, owner, Permission.CreateChildren) && Asset.Sensors.Any(s => s.EventResolution > TimeSpan.Zero);

        var zone = ViewerZone;
        Start ??= NextMidnight(zone);
        Duration ??= "PT24H";

        // An asset has no time zone of its own: the graph takes that of most of its sensors, else the user's.
        var graphZone = Asset.Sensors.GroupBy(s => s.Timezone).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => TimeZoneInfo.TryFindSystemTimeZoneById(g.Key, out var z) ? z : null).FirstOrDefault(z => z is not null)
            ?? zone;
        Graph = GraphView.Read("assets", id, period, date, graphZone, clock);
    }

    /// <summary>The default start of a trigger: the coming midnight in the user's time zone, with its offset (the API takes no naive times).</summary>
    private string NextMidnight(TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        return GraphPeriod.Of("day", today, zone).EndInstant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    internal sealed record ChildAsset(int Id, string Name, string TypeName);
}

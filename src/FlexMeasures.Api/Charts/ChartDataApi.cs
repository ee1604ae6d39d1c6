using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Charts;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Charts;

/// <summary>
/// <c>GET /api/v3_0/sensors/{id}/chart_data</c> and <c>GET /api/v3_0/assets/{id}/chart_data</c>: what the graphs of a
/// sensor or an asset draw, series longer than a graph can show reduced on the server keeping their peaks.
/// </summary>
internal static class ChartDataApi
{
    private const string Example = """
        {"event_starts_after": "2026-11-01T00:00:00+01:00", "event_ends_before": "2026-11-02T00:00:00+01:00", "resolution": null, "max_points": 3000,
         "sensors_to_show": [{"title": "Power", "sensors": [4]}],
         "sensors": [{"id": 4, "name": "discharging", "unit": "MW", "event_resolution": "PT15M", "timezone": "Europe/Amsterdam", "asset_id": 3,
           "series": [{"source": {"id": 2, "name": "toy-user", "type": "user", "model": null, "version": null}, "kind": "measurement", "count": 2, "reduced": false, "bucket": null,
                       "points": [[1793487600000, 0.5, 1793488500000, 0], [1793488500000, 0.4, 1793489400000, 0]]},
                      {"source": {"id": 5, "name": "Seita", "type": "forecaster", "model": "CustomLGBM", "version": "1"}, "kind": "forecast", "count": 2, "reduced": false, "bucket": null,
                       "points": [[1793487600000, 0.45, 1793484900000, 3600], [1793488500000, 0.42, 1793485800000, 3600]]}]}]}
        """;

    private const string Description = """
        Query: `event_starts_after`/`start`, `event_ends_before`/`end` (aware ISO 8601), `duration` (with one of them),
        `beliefs_before`/`prior`, `beliefs_after`, `resolution` (resample each source to this step; needs the window),
        `most_recent_beliefs_only` (default true), `max_points` (default 3000, at least 4). `compress_json` and
        `include_data` are accepted for FlexMeasures' clients; the answer always holds the data in this compact form.
        Each series is one sensor's beliefs from one source; `kind` is `measurement`, `forecast` (a forecaster's) or
        `schedule` (a scheduler's). A point is `[event start (ms since 1970 UTC), value, belief time (ms) or null,
        belief horizon (s) or null]`. A series of more than `max_points` points is reduced to the first and last point
        and the lowest and highest point of every `bucket`; `count` says how many there were.
        """;

    public static RouteGroupBuilder MapSensorChartDataApi(this RouteGroupBuilder sensors)
    {
        sensors.MapGet("/{id:int}/chart_data", SensorChartDataAsync).WithName("GetSensorChartData")
            .WithSummary("Data for a sensor's graph").WithDescription(Description).WithExample(200, Example);
        return sensors;
    }

    public static RouteGroupBuilder MapAssetChartDataApi(this RouteGroupBuilder assets)
    {
        assets.MapGet("/{id:int}/chart_data", AssetChartDataAsync).WithName("GetAssetChartData")
            .WithSummary("Data for an asset's graph: the sensors of its sensors_to_show")
            .WithDescription(Description + " The charts to stack are the asset's `sensors_to_show` (default: all its sensors, one chart per unit), without sensors the user may not read.")
            .WithExample(200, Example);
        return assets;
    }

    internal static async Task<Ok<ChartDataResponse>> SensorChartDataAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        [FromKeyedServices(LaggingReads.Key)] ChartData charts, // graphs may lag (decision 0020); the sensor and access check stay on the primary
        CancellationToken cancellationToken)
    {
        var (sensor, _) = await authorizer.LoadSensorAsync(user, id, Permission.Read, cancellationToken);
        var window = ChartWindow.Read(request.Query);
        return await AnswerAsync([new SensorGroup(sensor.Name, [sensor.Id])], [sensor], window, charts, cancellationToken);
    }

    internal static async Task<Ok<ChartDataResponse>> AssetChartDataAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        FlexMeasuresDbContext db,
        [FromKeyedServices(LaggingReads.Key)] ChartData charts, // graphs may lag (decision 0020); the asset, its sensors and access checks stay on the primary
        CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Read, cancellationToken);
        var window = ChartWindow.Read(request.Query);
        var setting = await db.GenericAssets.AsNoTracking().Where(a => a.Id == id).Select(a => a.SensorsToShow).SingleAsync(cancellationToken);
        IReadOnlyList<SensorGroup> groups;
        try
        {
            groups = SensorsToShow.Parse(setting);
        }
        catch (InvalidInputException e)
        {
            // The setting is stored, not sent; the answer still names it, under the asset it belongs to.
            throw new RequestValidationException("asset", e.Field, e.Message);
        }

        if (groups.Count == 0)
        {
            groups = SensorsToShow.Default(await db.Sensors.AsNoTracking().Where(s => s.GenericAssetId == id).ToListAsync(cancellationToken));
        }

        // A setting may name sensors of other assets; those the user may not read (or that are gone) are left out.
        var named = SensorsToShow.Flatten(groups);
        var readable = await db.Sensors.AsNoTracking().Where(AccessPolicy.ReadableSensors(user)).Where(s => named.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var shown = groups.Select(g => g with { SensorIds = [.. g.SensorIds.Where(readable.ContainsKey)] }).Where(g => g.SensorIds.Count > 0).ToList();
        return await AnswerAsync(shown, [.. SensorsToShow.Flatten(shown).Select(s => readable[s])], window, charts, cancellationToken);
    }

    private static async Task<Ok<ChartDataResponse>> AnswerAsync(
        IReadOnlyList<SensorGroup> groups, IReadOnlyList<Sensor> sensors, ChartWindow window, ChartData charts, CancellationToken cancellationToken)
    {
        IReadOnlyList<SensorChart> data;
        try
        {
            data = await charts.ReadAsync(sensors, window.Query, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            throw new RequestValidationException("query", e.Field, e.Message);
        }

        return TypedResults.Ok(new ChartDataResponse(
            window.Start is { } start ? ApiTime.DateTime(start) : null,
            window.End is { } end ? ApiTime.DateTime(end) : null,
            window.Query.Resolution is { } resolution ? ApiTime.Duration(resolution) : null,
            window.Query.MaxPoints,
            [.. groups.Select(ChartGroupResponse.From)],
            [.. data.Select(ChartSensorResponse.From)]));
    }
}

using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Sensors;

/// <summary><c>GET /api/v3_0/sensors/{id}/status</c>: how stale the sensor's data is, per source type, as FlexMeasures tells it.</summary>
internal static class SensorStatusApi
{
    /// <summary>Flex-context fields that list inflexible devices rather than name one sensor (FlexMeasures' <c>INFLEXIBLE_DEVICE_KEYS</c>).</summary>
    private static readonly string[] InflexibleDeviceKeys = ["inflexible-device-sensors", "inflexible-consumption", "inflexible-production"];

    public static RouteGroupBuilder MapSensorStatusApi(this RouteGroupBuilder sensors)
    {
        sensors.MapGet("/{id:int}/status", GetStatusAsync).WithName("GetSensorStatus")
            .WithSummary("Get sensor status: staleness of its data per source type")
            .WithExample(StatusCodes.Status200OK, """
                {"sensors_data": [{"staleness": "PT2H", "stale": true, "staleness_since": "2024-01-15T14:30:00+00:00",
                  "reason": "most recent data is 2 hours old, but should not be more than 30 minutes old", "source_type": "user",
                  "id": 64907, "name": "temperature", "resolution": "PT15M", "asset_name": "Building A", "relation": "sensor belongs to this asset"}]}
                """);
        return sensors;
    }

    internal static async Task<Ok<SensorStatusesResponse>> GetStatusAsync(
        int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, SensorStatusReader statuses, CancellationToken cancellationToken)
    {
        var (sensor, _) = await authorizer.LoadSensorAsync(user, id, Permission.Read, cancellationToken);
        var asset = await db.GenericAssets.AsNoTracking().Where(a => a.Id == sensor.GenericAssetId)
            .Select(a => new { a.Name, a.FlexContext })
            .SingleAsync(cancellationToken);
        var relation = Relation(sensor.Id, asset.FlexContext);
        var resolution = IsoDuration.Format(sensor.EventResolution);
        return TypedResults.Ok(new SensorStatusesResponse([.. (await statuses.ReadAsync(sensor, cancellationToken)).Select(s => new SensorStatusResponse(
            s.Staleness is { } staleness ? IsoDuration.Format(staleness) : null,
            s.Stale,
            s.StalenessSince is { } since ? ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))) : null,
            s.Reason,
            s.SourceType,
            sensor.Id,
            sensor.Name,
            resolution,
            asset.Name,
            relation))]));
    }

    /// <summary>How the sensor relates to its asset, in FlexMeasures' words: it belongs to it, and what the asset's flex context uses it for.</summary>
    internal static string Relation(int sensorId, string flexContext)
    {
        var relations = new List<string> { "sensor belongs to this asset" };
        JsonObject? context;
        try
        {
            context = JsonNode.Parse(flexContext) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            context = null;
        }

        if (context is null)
        {
            return relations[0];
        }

        if (InflexibleDeviceKeys.Any(key => context[key] is JsonArray devices && devices.Any(d => Names(d, sensorId))))
        {
            relations.Add("flex context (inflexible device)");
        }

        foreach (var (field, value) in context)
        {
            if (!InflexibleDeviceKeys.Contains(field) && value is JsonObject && Names(value, sensorId))
            {
                relations.Add($"flex context ({field})");
            }
        }

        return string.Join(";", relations);
    }

    /// <summary>A bare sensor id, or a sensor reference (<c>{"sensor": id}</c>), naming the sensor.</summary>
    private static bool Names(JsonNode? node, int sensorId) => node switch
    {
        JsonValue value => value.TryGetValue<int>(out var bare) && bare == sensorId,
        JsonObject reference => reference["sensor"] is JsonValue s && s.TryGetValue<int>(out var referenced) && referenced == sensorId,
        _ => false,
    };
}

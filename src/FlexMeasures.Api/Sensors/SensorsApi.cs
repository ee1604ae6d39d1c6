using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Sensors;

/// <summary><c>/api/v3_0/sensors</c>: list, read, create, update and delete sensors; delete their data; statistics.</summary>
internal static class SensorsApi
{
    public static RouteGroupBuilder MapSensorsApi(this RouteGroupBuilder sensors)
    {
        sensors.MapGet("", ListAsync).WithName("ListSensors")
            .WithExample(200, """[{"id": 4, "name": "discharging", "unit": "MW", "timezone": "Europe/Amsterdam", "event_resolution": "PT15M", "entity_address": "ea1.2026-11.localhost:fm1.4", "attributes": "{}", "generic_asset_id": 3}]""").WithSummary("List the sensors the user may read");
        sensors.MapPost("", CreateAsync).WithName("CreateSensor")
            .WithExample(201, """{"id": 4, "name": "discharging", "unit": "MW", "timezone": "Europe/Amsterdam", "event_resolution": "PT15M", "entity_address": "ea1.2026-11.localhost:fm1.4", "attributes": "{}", "generic_asset_id": 3}""")
            .WithRequestExample("application/json", """{"name": "discharging", "unit": "MW", "event_resolution": "PT15M", "timezone": "Europe/Amsterdam", "generic_asset_id": 3}""").WithSummary("Create a sensor").Accepts<JsonObject>("application/json");
        sensors.MapGet("/{id:int}", GetAsync).WithName("GetSensor")
            .WithExample(200, """{"id": 4, "name": "discharging", "unit": "MW", "timezone": "Europe/Amsterdam", "event_resolution": "PT15M", "entity_address": "ea1.2026-11.localhost:fm1.4", "attributes": "{}", "generic_asset_id": 3}""").WithSummary("Get a sensor");
        sensors.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateSensor")
            .WithExample(200, """{"id": 4, "name": "discharging", "unit": "MW", "timezone": "Europe/Amsterdam", "event_resolution": "PT15M", "entity_address": "ea1.2026-11.localhost:fm1.4", "attributes": "{}", "generic_asset_id": 3}""")
            .WithRequestExample("application/json", """{"name": "discharging", "attributes": "{\"capacity_in_mw\": 0.5}"}""").WithSummary("Update a sensor").Accepts<JsonObject>("application/json");
        sensors.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteSensor").WithSummary("Delete a sensor and its data");
        sensors.MapDelete("/{id:int}/data", DeleteDataAsync).WithName("DeleteSensorData").WithSummary("Delete a sensor's data");
        sensors.MapGet("/{id:int}/stats", StatsAsync).WithName("GetSensorStats")
            .WithExample(200, """{"toy-user": {"First event start": "2026-11-01T00:00:00+00:00", "Last event end": "2026-11-30T00:00:00+00:00", "Min value": -0.5, "Max value": 0.5, "Mean value": 0.02, "Sum over values": 55.7, "Number of values": 2784}}""").WithSummary("Statistics of a sensor's data per source");
        return sensors;
    }

    /// <summary>
    /// Sensors of the user's account (or of <c>account</c>, or of <c>asset</c>/<c>asset_id</c> and its child
    /// assets), optionally with those of public assets, as far as the user may read them.
    /// </summary>
    internal static async Task<IResult> ListAsync(ApiUser user, HttpRequest request, Authorizer authorizer, [FromKeyedServices(LaggingReads.Key)] FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(request.Query);
        var accountId = query.Integer("account") ?? query.Integer("account_id");
        var assetId = query.Integer("asset") ?? query.Integer("asset_id");
        var includePublic = query.Boolean("include_public_assets") ?? false;
        var paging = Paging.Read(query);
        query.ThrowIfInvalid();

        var sensors = db.Sensors.AsNoTracking();
        if (assetId is { } asset)
        {
            await authorizer.RequireAssetAsync(user, asset, Permission.Read, cancellationToken);
            var tree = await AssetTree.DescendantsAndSelfAsync(db, asset, cancellationToken);
            sensors = sensors.Where(s => tree.Contains(s.GenericAssetId) || (includePublic && s.GenericAsset!.AccountId == null));
        }
        else
        {
            var account = accountId ?? user.AccountId;
            await authorizer.RequireAccountAsync(user, account, Permission.Read, cancellationToken);
            sensors = sensors.Where(s => s.GenericAsset!.AccountId == account || (includePublic && s.GenericAsset!.AccountId == null));
        }

        var list = await sensors.OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return paging.Answer(list.Select(SensorResponse.From).ToList());
    }

    internal static async Task<Ok<SensorResponse>> GetAsync(int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(SensorResponse.From(await db.Sensors.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken)));
    }

    internal static async Task<Created<SensorResponse>> CreateAsync(
        ApiUser user, HttpRequest request, Authorizer authorizer, SensorService sensors, AuditTrail audit, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        var name = body.String("name", required: true);
        var unit = body.String("unit", required: true);
        var resolution = body.String("event_resolution", required: true);
        var timezone = body.String("timezone") ?? "UTC";
        var assetId = body.Integer("generic_asset_id", required: true);
        var attributes = JsonText(body, "attributes");
        body.ThrowIfInvalid();

        try
        {
            await authorizer.RequireAssetAsync(user, assetId!.Value, Permission.CreateChildren, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            throw new RequestValidationException("json", "generic_asset_id", $"Generic asset with id {assetId} doesn't exist.");
        }

        audit.ActiveUser = (user.Id, user.Name);
        var sensor = await Translate(() => sensors.CreateAsync(new NewSensor(name!, unit!, resolution!, timezone, assetId.Value, Attributes: attributes), cancellationToken));
        return TypedResults.Created($"/api/v3_0/sensors/{sensor.Id}", SensorResponse.From(sensor));
    }

    internal static async Task<Ok<SensorResponse>> UpdateAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, SensorService sensors, AuditTrail audit, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Update, cancellationToken);
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        foreach (var field in new[] { "id", "generic_asset_id", "event_resolution", "entity_address" })
        {
            if (body.Has(field))
            {
                body.Fail(field, "Unknown field.");
            }
        }

        var name = body.String("name");
        var unit = body.String("unit");
        var timezone = body.String("timezone");
        var attributes = JsonText(body, "attributes");
        body.ThrowIfInvalid();
        audit.ActiveUser = (user.Id, user.Name);
        var sensor = await Translate(() => sensors.UpdateAsync(id, name, unit, timezone, attributes, cancellationToken));
        return TypedResults.Ok(SensorResponse.From(sensor));
    }

    internal static async Task<NoContent> DeleteAsync(int id, ApiUser user, Authorizer authorizer, SensorService sensors, AuditTrail audit, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Delete, cancellationToken);
        audit.ActiveUser = (user.Id, user.Name);
        await sensors.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Deletes the sensor's beliefs, optionally of one <c>source</c> and of events in [<c>start</c>, <c>until</c>).</summary>
    internal static async Task<NoContent> DeleteDataAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, DataDeletion deletion, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Delete, cancellationToken);
        var query = FieldReader.FromQuery(request.Query);
        var source = query.Integer("source");
        var start = query.AwareDateTime("start");
        var until = query.AwareDateTime("until");
        if (start is not null && until is not null && until < start)
        {
            query.Fail("until", "'until' must not be before 'start'.");
        }

        query.ThrowIfInvalid();
        await deletion.DeleteBeliefsAsync(id, source is { } s ? [s] : null, start?.UtcDateTime, until?.UtcDateTime, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<Dictionary<string, SensorStats>>> StatsAsync(
        int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireSensorAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(await StatsOfAsync(id, db, cancellationToken));
    }

    /// <summary>Per source (by name; with its id where names repeat), the statistics of its beliefs about a sensor the caller may read.</summary>
    internal static async Task<Dictionary<string, SensorStats>> StatsOfAsync(int id, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var resolution = await db.Sensors.Where(s => s.Id == id).Select(s => s.EventResolution).SingleAsync(cancellationToken);
        // Rows outside the supported instants (written around the platform, e.g. by SQL) are left out: they could not be shown.
        var rows = await db.TimedBeliefs.AsNoTracking()
            .Where(b => b.SensorId == id && b.EventStart >= SupportedInstants.Earliest && b.EventStart < SupportedInstants.End)
            .GroupBy(b => b.SourceId)
            .Select(g => new
            {
                SourceId = g.Key,
                First = g.Min(b => b.EventStart),
                Last = g.Max(b => b.EventStart),
                Min = g.Min(b => b.EventValue),
                Max = g.Max(b => b.EventValue),
                Sum = g.Sum(b => b.EventValue),
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var sourceIds = rows.Select(r => r.SourceId).ToList();
        var names = await db.DataSources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return rows.ToDictionary(
            r => names.Count(n => n.Value == names[r.SourceId]) > 1 ? $"{names[r.SourceId]} ({r.SourceId})" : names[r.SourceId],
            r => new SensorStats(
                ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(r.First, DateTimeKind.Utc))),
                ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(r.Last, DateTimeKind.Utc)) + resolution),
                r.Min,
                r.Max,
                r.Sum / r.Count,
                r.Sum,
                r.Count));
    }

    /// <summary>An attributes field given as a JSON object or as a JSON string holding one (both are accepted, as in FlexMeasures).</summary>
    internal static string? JsonText(FieldReader body, string field)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Raw(field) switch
        {
            null => null,
            JsonObject o => o.ToJsonString(),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => Fail(body, field),
        };

        static string? Fail(FieldReader body, string field)
        {
            body.Fail(field, "Not a valid JSON object.");
            return null;
        }
    }

    /// <summary>Runs a service call, naming the offending JSON field as the API's clients know it.</summary>
    internal static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (InvalidInputException e)
        {
            var field = e.Field switch
            {
                "asset" => "generic_asset_id",
                "asset_type" => "generic_asset_type_id",
                "account" => "account_id",
                "consultancy" => "consultancy_account_id",
                "parent_asset" => "parent_asset_id",
                "timezone" or "time_zone" => "timezone",
                var other => other,
            };
            throw new RequestValidationException("json", field, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new RequestValidationException("json", e.ParamName ?? "_schema", e.Message);
        }
    }
}

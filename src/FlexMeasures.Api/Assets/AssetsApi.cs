using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Audit;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Api.Sensors;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Assets;

/// <summary><c>/api/v3_0/assets</c>: list, read, create, update and delete assets; their sensors and audit log; asset types.</summary>
internal static class AssetsApi
{
    private static readonly string[] AuditLogSortable = ["event_datetime"];

    public static RouteGroupBuilder MapAssetsApi(this RouteGroupBuilder assets)
    {
        assets.MapGet("", ListAsync).WithName("ListAssets")
            .WithExample(200, """[{"id": 3, "name": "toy-battery", "description": null, "account_id": 1, "latitude": 52.374, "longitude": 4.88969, "generic_asset_type_id": 5, "generic_asset_type": {"id": 5, "name": "battery", "description": null}, "parent_asset_id": 2, "attributes": "{\"capacity_in_mw\": 0.5}", "sensors_to_show": "[]", "flex_context": "{}", "flex_model": "{}", "external_id": null}]""").WithSummary("List the assets of an account (or all the user may read)");
        assets.MapGet("/public", ListPublicAsync).WithName("ListPublicAssets")
            .WithExample(200, """[{"id": 7, "name": "KNMI weather station", "description": null, "account_id": null, "latitude": 52.374, "longitude": 4.88969, "generic_asset_type_id": 8, "generic_asset_type": {"id": 8, "name": "weather station", "description": null}, "parent_asset_id": null, "attributes": "{\"capacity_in_mw\": 0.5}", "sensors_to_show": "[]", "flex_context": "{}", "flex_model": "{}", "external_id": null}]""").WithSummary("List public assets");
        assets.MapGet("/types", ListTypesAsync).WithName("ListAssetTypes")
            .WithExample(200, """[{"id": 5, "name": "battery", "description": null}]""").WithSummary("List asset types");
        assets.MapPost("", CreateAsync).WithName("CreateAsset")
            .WithExample(201, """{"id": 3, "name": "toy-battery", "description": null, "account_id": 1, "latitude": 52.374, "longitude": 4.88969, "generic_asset_type_id": 5, "generic_asset_type": {"id": 5, "name": "battery", "description": null}, "parent_asset_id": 2, "attributes": "{\"capacity_in_mw\": 0.5}", "sensors_to_show": "[]", "flex_context": "{}", "flex_model": "{}", "external_id": null}""")
            .WithRequestExample("application/json", """{"name": "toy-battery", "generic_asset_type_id": 5, "account_id": 1, "parent_asset_id": 2, "latitude": 52.374, "longitude": 4.88969, "attributes": "{\"capacity_in_mw\": 0.5}"}""").WithSummary("Create an asset").Accepts<JsonObject>("application/json");
        assets.MapGet("/{id:int}", GetAsync).WithName("GetAsset")
            .WithExample(200, """{"id": 3, "name": "toy-battery", "description": null, "account_id": 1, "latitude": 52.374, "longitude": 4.88969, "generic_asset_type_id": 5, "generic_asset_type": {"id": 5, "name": "battery", "description": null}, "parent_asset_id": 2, "attributes": "{\"capacity_in_mw\": 0.5}", "sensors_to_show": "[]", "flex_context": "{}", "flex_model": "{}", "external_id": null}""").WithSummary("Get an asset");
        assets.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateAsset")
            .WithExample(200, """{"id": 3, "name": "toy-battery", "description": null, "account_id": 1, "latitude": 52.374, "longitude": 4.88969, "generic_asset_type_id": 5, "generic_asset_type": {"id": 5, "name": "battery", "description": null}, "parent_asset_id": 2, "attributes": "{\"capacity_in_mw\": 0.5}", "sensors_to_show": "[]", "flex_context": "{}", "flex_model": "{}", "external_id": null}""")
            .WithRequestExample("application/json", """{"name": "toy-battery", "attributes": "{\"capacity_in_mw\": 0.5}"}""").WithSummary("Update an asset").Accepts<JsonObject>("application/json");
        assets.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteAsset").WithSummary("Delete an asset with its children, sensors and data");
        assets.MapGet("/{id:int}/sensors", ListSensorsAsync).WithName("ListAssetSensors")
            .WithExample(200, """{"data": [{"id": 4, "name": "discharging", "unit": "MW", "timezone": "Europe/Amsterdam", "event_resolution": "PT15M", "entity_address": "ea1.2026-11.localhost:fm1.4", "attributes": "{}", "generic_asset_id": 3}], "num-records": 1, "filtered-records": 1}""").WithSummary("List an asset's sensors");
        assets.MapGet("/{id:int}/auditlog", AuditLogAsync).WithName("GetAssetAuditLog")
            .WithSummary("The history of changes to an asset and its sensors; always paged (page 1 and per-page 10 by default)")
            .WithJsonExamples(StatusCodes.Status200OK, new JsonObject
            {
                ["data"] = new JsonArray(new JsonObject
                {
                    ["event"] = "Asset battery (id 3) created", ["event_datetime"] = "2021-01-01T00:00:00+00:00", ["active_user_name"] = "Test user", ["active_user_id"] = 1,
                }),
                ["num-records"] = 1,
                ["filtered-records"] = 1,
            });
        return assets;
    }

    /// <summary>
    /// Assets of <c>account</c> (default: the user's), or with <c>all_accessible</c> of every account the user may
    /// read; <c>include_public</c> adds public assets; <c>sort_by</c> id|name|owner, <c>sort_dir</c> asc|desc.
    /// </summary>
    internal static async Task<IResult> ListAsync(ApiUser user, HttpRequest request, Authorizer authorizer, [FromKeyedServices(LaggingReads.Key)] FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(request.Query);
        var accountId = query.Integer("account") ?? query.Integer("account_id");
        var allAccessible = query.Boolean("all_accessible") ?? false;
        var includePublic = query.Boolean("include_public") ?? false;
        var sortBy = query.String("sort_by");
        var sortDir = query.String("sort_dir");
        if (sortBy is not null and not ("id" or "name" or "owner"))
        {
            query.Fail("sort_by", "Must be one of: id, name, owner.");
        }

        if (sortDir is not null and not ("asc" or "desc"))
        {
            query.Fail("sort_dir", "Must be one of: asc, desc.");
        }

        var paging = Paging.Read(query);
        query.ThrowIfInvalid();

        var assets = db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).AsQueryable();
        if (allAccessible)
        {
            assets = assets.Where(AccessPolicy.ReadableAssets(user));
            if (!includePublic)
            {
                assets = assets.Where(a => a.AccountId != null);
            }
        }
        else
        {
            var account = accountId ?? user.AccountId;
            await authorizer.RequireAccountAsync(user, account, Permission.Read, cancellationToken);
            assets = assets.Where(a => a.AccountId == account || (includePublic && a.AccountId == null));
        }

        var descending = sortDir == "desc";
        assets = sortBy switch
        {
            "name" => descending ? assets.OrderByDescending(a => a.Name) : assets.OrderBy(a => a.Name),
            "owner" => descending ? assets.OrderByDescending(a => a.AccountId) : assets.OrderBy(a => a.AccountId),
            _ => descending ? assets.OrderByDescending(a => a.Id) : assets.OrderBy(a => a.Id),
        };
        var list = await assets.ToListAsync(cancellationToken);
        return paging.Answer(list.Select(AssetResponse.From).ToList());
    }

    internal static async Task<Ok<List<AssetResponse>>> ListPublicAsync([FromKeyedServices(LaggingReads.Key)] FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var assets = await db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).Where(a => a.AccountId == null).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(assets.Select(AssetResponse.From).ToList());
    }

    internal static async Task<Ok<List<AssetTypeResponse>>> ListTypesAsync([FromKeyedServices(LaggingReads.Key)] FlexMeasuresDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.GenericAssetTypes.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new AssetTypeResponse(t.Id, t.Name, t.Description)).ToListAsync(cancellationToken));

    internal static async Task<Ok<AssetResponse>> GetAsync(int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(AssetResponse.From(await db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).SingleAsync(a => a.Id == id, cancellationToken)));
    }

    /// <summary>Creates an asset in <c>account_id</c> (default: the user's account; null: public, admins only).</summary>
    internal static async Task<Created<AssetResponse>> CreateAsync(
        ApiUser user, HttpRequest request, Authorizer authorizer, AssetService assets, AuditTrail audit, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        var name = body.String("name", required: true);
        var typeId = body.Integer("generic_asset_type_id", required: true);
        var isPublic = body.Has("account_id") && body.Raw("account_id") is null;
        int? accountId = isPublic ? null : body.Integer("account_id") ?? user.AccountId;
        var parentId = body.Integer("parent_asset_id");
        var latitude = body.Number("latitude");
        var longitude = body.Number("longitude");
        var attributes = SensorsApi.JsonText(body, "attributes");
        var flexModel = SensorsApi.JsonText(body, "flex_model");
        var flexContext = SensorsApi.JsonText(body, "flex_context");
        body.ThrowIfInvalid();

        if (accountId is { } account)
        {
            try
            {
                await authorizer.RequireAccountAsync(user, account, Permission.CreateChildren, cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                throw new RequestValidationException("json", "account_id", $"Account with id {account} doesn't exist.");
            }
        }
        else
        {
            Authorizer.Demand(user.IsAdmin, Permission.CreateChildren, "the public assets");
        }

        if (parentId is { } parent)
        {
            await authorizer.RequireAssetAsync(user, parent, Permission.CreateChildren, cancellationToken);
        }

        audit.ActiveUser = (user.Id, user.Name);
        var asset = await SensorsApi.Translate(() => assets.CreateAsync(new NewAsset(name!, typeId!.Value, accountId, parentId, latitude, longitude, attributes, flexModel, flexContext), cancellationToken));
        var created = await db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).SingleAsync(a => a.Id == asset.Id, cancellationToken);
        return TypedResults.Created($"/api/v3_0/assets/{asset.Id}", AssetResponse.From(created));
    }

    internal static async Task<Ok<AssetResponse>> UpdateAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, AssetService assets, AuditTrail audit, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Update, cancellationToken);
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        foreach (var field in new[] { "id", "account_id", "generic_asset_type_id", "parent_asset_id" })
        {
            if (body.Has(field))
            {
                body.Fail(field, "Unknown field.");
            }
        }

        var name = body.String("name");
        var latitude = body.Number("latitude");
        var longitude = body.Number("longitude");
        var attributes = SensorsApi.JsonText(body, "attributes");
        var flexModel = SensorsApi.JsonText(body, "flex_model");
        var flexContext = SensorsApi.JsonText(body, "flex_context");
        body.ThrowIfInvalid();
        audit.ActiveUser = (user.Id, user.Name);
        await SensorsApi.Translate(() => assets.UpdateAsync(id, name, latitude, longitude, attributes, flexModel, flexContext, cancellationToken));
        return TypedResults.Ok(AssetResponse.From(await db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).SingleAsync(a => a.Id == id, cancellationToken)));
    }

    internal static async Task<NoContent> DeleteAsync(int id, ApiUser user, Authorizer authorizer, AssetService assets, AuditTrail audit, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Delete, cancellationToken);
        audit.ActiveUser = (user.Id, user.Name);
        await assets.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> ListSensorsAsync(int id, ApiUser user, HttpRequest request, Authorizer authorizer, [FromKeyedServices(LaggingReads.Key)] FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Read, cancellationToken);
        var query = FieldReader.FromQuery(request.Query);
        var paging = Paging.Read(query);
        query.ThrowIfInvalid();
        var sensors = await db.Sensors.AsNoTracking().Where(s => s.GenericAssetId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return paging.Answer(sensors.Select(SensorResponse.From).ToList());
    }

    /// <summary>Entries about the asset and its sensors; FlexMeasures' <c>filter</c>, <c>sort-by</c>, <c>sort-dir</c>, <c>page</c>, <c>per-page</c>.</summary>
    internal static async Task<IResult> AuditLogAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(user, id, Permission.Read, cancellationToken);
        var rows = db.AssetAuditLogs.AsNoTracking().Where(l => l.AffectedAssetId == id)
            .Select(l => new AuditRow { Id = l.Id, Event = l.Event, EventDatetime = l.EventDatetime, ActiveUserName = l.ActiveUserName, ActiveUserId = l.ActiveUserId });
        return await AuditLogListing.AnswerAsync(rows, request.Query, AuditLogSortable, alwaysPage: true, cancellationToken);
    }
}

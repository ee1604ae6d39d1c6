using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Assets;

/// <summary>Creates and deletes asset types and assets, one transaction each.</summary>
public sealed class AssetService(FlexMeasuresDbContext db, AuditTrail audit, StoredFlexConfig flexConfig)
{
    /// <exception cref="InvalidInputException">Empty or duplicate name.</exception>
    public Task<GenericAssetType> CreateTypeAsync(string name, string? description, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                name = TextRules.Name(name, "name", 80);

                if (description is { Length: > 80 })
                {
                    throw new InvalidInputException("description", "must be at most 80 characters");
                }

                if (await db.GenericAssetTypes.AnyAsync(t => t.Name == name, ct))
                {
                    throw new InvalidInputException("name", $"an asset type named '{name}' already exists");
                }

                var type = new GenericAssetType { Name = name, Description = description };
                db.GenericAssetTypes.Add(type);
                return type;
            },
            cancellationToken);

    /// <exception cref="InvalidInputException">Unknown type, account or parent; coordinates out of range; duplicate name.</exception>
    /// <exception cref="FlexConfigException">The flex-model or flex-context is wrong (nothing is stored).</exception>
    public Task<GenericAsset> CreateAsync(NewAsset request, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(request);
                var name = TextRules.Name(request.Name, "name", 80);

                if (request.Latitude is { } latitude && (double.IsNaN(latitude) || latitude is < -90 or > 90))
                {
                    throw new InvalidInputException("latitude", $"must be within ±90 degrees, got {latitude}");
                }

                if (request.Longitude is { } longitude && (double.IsNaN(longitude) || longitude is < -180 or > 180))
                {
                    throw new InvalidInputException("longitude", $"must be within ±180 degrees, got {longitude}");
                }

                if (request.Latitude.HasValue != request.Longitude.HasValue)
                {
                    throw new InvalidInputException(request.Latitude.HasValue ? "longitude" : "latitude", "give latitude and longitude together");
                }

                var attributes = Json.ParseAttributes(request.Attributes, "attributes");
                if (!await db.GenericAssetTypes.AnyAsync(t => t.Id == request.AssetTypeId, ct))
                {
                    throw new InvalidInputException("asset_type", $"no asset type with id {request.AssetTypeId}");
                }

                if (request.AccountId is { } accountId && !await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
                {
                    throw new InvalidInputException("account", $"no account with id {accountId}");
                }

                if (request.ParentAssetId is { } parentId)
                {
                    var parent = await db.GenericAssets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == parentId, ct)
                        ?? throw new InvalidInputException("parent_asset", $"no asset with id {parentId}");
                    if (parent.AccountId != request.AccountId)
                    {
                        throw new InvalidInputException("parent_asset", $"asset {parentId} belongs to {(parent.AccountId is null ? "no account (public)" : $"account {parent.AccountId}")}, not to {(request.AccountId is null ? "no account" : $"account {request.AccountId}")}");
                    }

                    if (await db.GenericAssets.AnyAsync(a => a.ParentAssetId == parentId && a.Name == name, ct))
                    {
                        throw new InvalidInputException("name", $"asset {parentId} already has a child asset named '{name}'");
                    }
                }
                else if (await db.GenericAssets.AnyAsync(a => a.ParentAssetId == null && a.AccountId == request.AccountId && a.Name == name, ct))
                {
                    throw new InvalidInputException("name", request.AccountId is null
                        ? $"a public asset named '{name}' already exists"
                        : $"account {request.AccountId} already has an asset named '{name}'");
                }

                var asset = new GenericAsset
                {
                    Name = name,
                    GenericAssetTypeId = request.AssetTypeId,
                    AccountId = request.AccountId,
                    ParentAssetId = request.ParentAssetId,
                    Latitude = request.Latitude,
                    Longitude = request.Longitude,
                    Attributes = attributes.ToJsonString(),
                };
                db.GenericAssets.Add(asset);
                await db.SaveChangesAsync(ct);
                if (request.FlexModel is not null || request.FlexContext is not null)
                {
                    var typeName = await db.GenericAssetTypes.Where(t => t.Id == request.AssetTypeId).Select(t => t.Name).SingleAsync(ct);
                    var (flexModel, flexContext) = await flexConfig.ValidateAsync(request.FlexModel, request.FlexContext, asset.Id, asset.AccountId, typeName, ct);
                    asset.FlexModel = flexModel ?? asset.FlexModel;
                    asset.FlexContext = flexContext ?? asset.FlexContext;
                    await db.SaveChangesAsync(ct);
                }

                audit.AssetEvent($"Asset {asset.Name} (id {asset.Id}) created", asset.Id);
                return asset;
            },
            cancellationToken);

    /// <summary>Changes the given properties (null: unchanged), validated as on creation.</summary>
    /// <exception cref="InvalidInputException">Unknown asset, invalid value or duplicate name.</exception>
    /// <exception cref="FlexConfigException">The flex-model or flex-context is wrong (nothing is changed).</exception>
    public Task<GenericAsset> UpdateAsync(
        int id, string? name, double? latitude, double? longitude, string? attributes, string? flexModel, string? flexContext, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var asset = await db.GenericAssets.SingleOrDefaultAsync(a => a.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no asset with id {id}");
                if (name is not null)
                {
                    name = TextRules.Name(name, "name", 80);

                    if (name != asset.Name && await db.GenericAssets.AnyAsync(
                        a => a.Id != id && a.Name == name && a.ParentAssetId == asset.ParentAssetId && (asset.ParentAssetId != null || a.AccountId == asset.AccountId), ct))
                    {
                        throw new InvalidInputException("name", $"an asset named '{name}' already exists there");
                    }

                    asset.Name = name;
                }

                if (latitude is { } lat)
                {
                    if (double.IsNaN(lat) || lat is < -90 or > 90)
                    {
                        throw new InvalidInputException("latitude", $"must be within ±90 degrees, got {lat}");
                    }

                    asset.Latitude = lat;
                }

                if (longitude is { } lon)
                {
                    if (double.IsNaN(lon) || lon is < -180 or > 180)
                    {
                        throw new InvalidInputException("longitude", $"must be within ±180 degrees, got {lon}");
                    }

                    asset.Longitude = lon;
                }

                if (attributes is not null)
                {
                    asset.Attributes = Json.ParseAttributes(attributes, "attributes").ToJsonString();
                }

                if (flexModel is not null || flexContext is not null)
                {
                    var typeName = await db.GenericAssetTypes.Where(t => t.Id == asset.GenericAssetTypeId).Select(t => t.Name).SingleAsync(ct);
                    var (model, context) = await flexConfig.ValidateAsync(flexModel, flexContext, asset.Id, asset.AccountId, typeName, ct);
                    asset.FlexModel = model ?? asset.FlexModel;
                    asset.FlexContext = context ?? asset.FlexContext;
                }

                audit.AssetEvent($"Asset {asset.Name} (id {id}) updated", id);
                return asset;
            },
            cancellationToken);

    /// <summary>What deleting the asset removes: child assets, sensors and their beliefs.</summary>
    public async Task<(GenericAsset Asset, int Assets, int Sensors, int Beliefs)> DescribeDeletionAsync(int id, CancellationToken cancellationToken)
    {
        var asset = await db.GenericAssets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new InvalidInputException("id", $"no asset with id {id}");
        var assetIds = await AssetTree.DescendantsAndSelfAsync(db, id, cancellationToken);
        var sensorIds = db.Sensors.Where(s => assetIds.Contains(s.GenericAssetId)).Select(s => s.Id);
        return (asset, assetIds.Count, await sensorIds.CountAsync(cancellationToken),
            await db.TimedBeliefs.CountAsync(b => sensorIds.Contains(b.SensorId), cancellationToken));
    }

    /// <summary>Deletes the asset with its child assets, sensors and their beliefs.</summary>
    public Task DeleteAsync(int id, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var asset = await db.GenericAssets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no asset with id {id}");
                await db.GenericAssets.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
                audit.AssetEvent($"Asset {asset.Name} (id {id}) deleted", null);
            },
            cancellationToken);
}

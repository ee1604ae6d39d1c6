using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Sensors;

/// <summary>Creates and deletes sensors, one transaction each.</summary>
public sealed class SensorService(FlexMeasuresDbContext db, AuditTrail audit)
{
    /// <exception cref="InvalidInputException">Invalid unit, time zone, resolution or knowledge horizon; unknown asset; duplicate name.</exception>
    public Task<Sensor> CreateAsync(NewSensor request, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(request);
                var name = TextRules.Name(request.Name, "name", 120);

                if (UnitConverter.Validate(request.Unit) is { } unitError)
                {
                    throw new InvalidInputException("unit", unitError);
                }

                TimeZones.Find(request.Timezone);
                if (!IsoDuration.TryParse(request.EventResolution, out var resolution) || resolution < TimeSpan.Zero)
                {
                    throw new InvalidInputException("event_resolution", $"'{request.EventResolution}' is not an ISO 8601 duration such as PT15M, PT1H or P1D");
                }

                var parameters = request.KnowledgeHorizonParameters
                    ?? (request.KnowledgeHorizonFunction == "ex_post" ? """{"ex_post_horizon": "P0D"}""" : "{}");
                if (KnowledgeHorizons.Validate(request.KnowledgeHorizonFunction, parameters) is { } horizonError)
                {
                    throw new InvalidInputException("knowledge_horizon", horizonError);
                }

                var attributes = Json.ParseAttributes(request.Attributes, "attributes");
                var asset = await db.GenericAssets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AssetId, ct)
                    ?? throw new InvalidInputException("asset", $"no asset with id {request.AssetId}");
                if (await db.Sensors.AnyAsync(s => s.GenericAssetId == asset.Id && s.Name == name, ct))
                {
                    throw new InvalidInputException("name", $"asset {asset.Id} already has a sensor named '{name}'");
                }

                var sensor = new Sensor
                {
                    Name = name,
                    Unit = request.Unit,
                    Timezone = request.Timezone,
                    EventResolution = resolution,
                    KnowledgeHorizonFnc = request.KnowledgeHorizonFunction,
                    KnowledgeHorizonPar = parameters,
                    Attributes = attributes.ToJsonString(),
                    GenericAssetId = asset.Id,
                };
                db.Sensors.Add(sensor);
                await db.SaveChangesAsync(ct);
                audit.AssetEvent($"Sensor {sensor.Name} (id {sensor.Id}) added to asset {asset.Name}", asset.Id);
                return sensor;
            },
            cancellationToken);

    /// <summary>Changes the given properties (null: unchanged); the unit, time zone and attributes are validated as on creation.</summary>
    /// <exception cref="InvalidInputException">Unknown sensor, invalid value or duplicate name.</exception>
    public Task<Sensor> UpdateAsync(int id, string? name, string? unit, string? timezone, string? attributes, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var sensor = await db.Sensors.SingleOrDefaultAsync(s => s.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no sensor with id {id}");
                if (name is not null)
                {
                    name = TextRules.Name(name, "name", 120);

                    if (name != sensor.Name && await db.Sensors.AnyAsync(s => s.GenericAssetId == sensor.GenericAssetId && s.Name == name, ct))
                    {
                        throw new InvalidInputException("name", $"asset {sensor.GenericAssetId} already has a sensor named '{name}'");
                    }

                    sensor.Name = name;
                }

                if (unit is not null)
                {
                    if (UnitConverter.Validate(unit) is { } unitError)
                    {
                        throw new InvalidInputException("unit", unitError);
                    }

                    sensor.Unit = unit;
                }

                if (timezone is not null)
                {
                    TimeZones.Find(timezone);
                    sensor.Timezone = timezone;
                }

                if (attributes is not null)
                {
                    sensor.Attributes = Json.ParseAttributes(attributes, "attributes").ToJsonString();
                }

                audit.AssetEvent($"Sensor {sensor.Name} (id {id}) updated", sensor.GenericAssetId);
                return sensor;
            },
            cancellationToken);

    /// <summary>The sensor and how many beliefs deleting it removes.</summary>
    public async Task<(Sensor Sensor, int Beliefs)> DescribeDeletionAsync(int id, CancellationToken cancellationToken)
    {
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new InvalidInputException("id", $"no sensor with id {id}");
        return (sensor, await db.TimedBeliefs.CountAsync(b => b.SensorId == id, cancellationToken));
    }

    /// <summary>Deletes the sensor and its beliefs.</summary>
    public Task DeleteAsync(int id, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no sensor with id {id}");
                await db.Sensors.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
                audit.AssetEvent($"Sensor {sensor.Name} (id {id}) deleted", sensor.GenericAssetId);
            },
            cancellationToken);
}

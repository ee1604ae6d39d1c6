using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Scheduling;

/// <summary>
/// Checks a scheduling request completely before anything is queued, as FlexMeasures deserializes the flex config at
/// trigger time: merges the flex-models and flex-context stored on the assets with the request's, parses them, checks
/// every sensor they name and the planning horizon. Every problem is reported under its field path.
/// </summary>
public sealed class SchedulePlanner(FlexMeasuresDbContext db, FlexSensorCheck check, TimeProvider clock, IOptions<SchedulingOptions> options)
{
    private static readonly string[] FlexModelPath = ["flex-model"];
    private static readonly string[] FlexContextPath = ["flex-context"];

    /// <param name="mayRead">Whether the caller may read a sensor the flex config names; null: any (the CLI).</param>
    /// <exception cref="FlexConfigException">The request cannot be scheduled; nothing was queued or stored.</exception>
    /// <exception cref="InvalidInputException">No such sensor or asset.</exception>
    public async Task<ScheduleRun> PrepareAsync(ScheduleRequest request, Func<FlexSensor, bool>? mayRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FlexErrors();
        if ((request.SensorId is null) == (request.AssetId is null))
        {
            throw new InvalidInputException("sensor", "give either a sensor or an asset");
        }

        var assetId = request.AssetId ?? await db.Sensors.AsNoTracking().Where(s => s.Id == request.SensorId).Select(s => (int?)s.GenericAssetId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidInputException("sensor", $"no sensor with id {request.SensorId}");
        var asset = await db.GenericAssets.AsNoTracking().Include(a => a.GenericAssetType).SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken)
            ?? throw new InvalidInputException("asset", $"no asset with id {assetId}");
        var tree = await AssetTree.DescendantsAndSelfAsync(db, asset.Id, cancellationToken);
        var stored = await db.GenericAssets.AsNoTracking().Where(a => tree.Contains(a.Id))
            .Select(a => new { a.Id, a.FlexModel, a.Attributes }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var scheduler = request.SensorId is not null && StoredFlexConfig.ProcessAssetTypes.Contains(asset.GenericAssetType?.Name ?? "")
            ? SchedulerNames.Process
            : SchedulerNames.Storage;

        // The devices: the request's flex-models, else those stored on the asset tree (each naming its power sensor).
        var models = new List<JsonObject>();
        if (request.SensorId is { } sensorId)
        {
            if (request.FlexModel is not null and not JsonObject)
            {
                errors.Add(FlexModelPath, "Must be an object (one flex-model) for a sensor's schedule.");
            }

            var given = (request.FlexModel as JsonObject)?.DeepClone().AsObject() ?? [];
            if (given["sensor"] is { } named && (named.GetValueKind() != System.Text.Json.JsonValueKind.Number || named.GetValue<int>() != sensorId))
            {
                errors.Add([.. FlexModelPath, "sensor"], $"Must be the scheduled sensor ({sensorId}), or left out.");
            }

            given["sensor"] = sensorId;
            models.Add(given);
        }
        else if (request.FlexModel is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject entry && entry["sensor"] is not null)
                {
                    models.Add(entry.DeepClone().AsObject());
                }
                else
                {
                    errors.Add([.. FlexModelPath, Index(i), "sensor"], list[i] is JsonObject ? "Missing data for required field." : "Each flex-model must be an object with a sensor.");
                }
            }
        }
        else if (request.FlexModel is not null)
        {
            errors.Add(FlexModelPath, "Must be a list of flex-models, each with a sensor, for an asset's schedule.");
        }
        else
        {
            foreach (var id in tree)
            {
                if (Json.ParseObject(stored[id].FlexModel, "flex_model") is { } model && model["sensor"] is not null)
                {
                    models.Add(model);
                }
            }
        }

        if (models.Count == 0 && !errors.Any)
        {
            errors.Add(FlexModelPath, "No devices to schedule: give flex-models with a sensor, or store them on the asset (flex_model).");
        }

        errors.ThrowIfAny();

        // The power sensors: readable, in the asset tree, each once, measuring power over intervals.
        var powerIds = models.Select(m => m["sensor"]).Select(n => n is JsonValue v && v.TryGetValue<int>(out var id) ? id : 0).ToList();
        var powerSensors = await check.LoadAsync(powerIds, cancellationToken);
        for (var i = 0; i < models.Count; i++)
        {
            IReadOnlyList<string> at = request.SensorId is null ? [.. FlexModelPath, Index(i), "sensor"] : [.. FlexModelPath, "sensor"];
            if (!powerSensors.TryGetValue(powerIds[i], out var sensor) || (mayRead is not null && !mayRead(sensor)))
            {
                errors.Add(at, $"No sensor found with id {models[i]["sensor"]?.ToJsonString()} that you may read.");
            }
            else if (!tree.Contains(sensor.AssetId))
            {
                errors.Add(at, $"Sensor {sensor.Id} does not belong to asset {asset.Id} (or to one of its offspring).");
            }
            else if (powerIds.IndexOf(sensor.Id) != i)
            {
                errors.Add(at, $"Sensor {sensor.Id} should not occur more than once in the flex-model.");
            }
            else if (sensor.EventResolution <= TimeSpan.Zero || !UnitConverter.AreConvertible(sensor.Unit, "MW"))
            {
                errors.Add(at, $"Sensor {sensor.Id} must record power (e.g. kW or MW) over intervals to hold a schedule; it records '{sensor.Unit}'{(sensor.EventResolution <= TimeSpan.Zero ? " instantaneously" : "")}.");
            }
        }

        errors.ThrowIfAny();

        // Stored flex-model fields of each device's asset, then the request's; legacy asset attributes last.
        for (var i = 0; i < models.Count; i++)
        {
            var sensor = powerSensors[powerIds[i]];
            var merged = Json.ParseObject(stored[sensor.AssetId].FlexModel, "flex_model");
            merged.Remove("sensor");
            foreach (var (key, value) in models[i])
            {
                merged[key] = value?.DeepClone();
            }

            if (scheduler == SchedulerNames.Storage)
            {
                AddLegacyAttributes(merged, Json.ParseObject(stored[sensor.AssetId].Attributes, "attributes"), Json.ParseObject(sensor.Attributes, "attributes"));
            }

            models[i] = merged;
        }

        var context = await StoredContextAsync(asset.Id, cancellationToken);
        foreach (var (key, value) in request.FlexContext ?? [])
        {
            context[key] = value?.DeepClone();
        }

        // Parse, then check every sensor named.
        var references = new List<FlexSensorReference>();
        var parsedContext = FlexParser.Context(context, FlexContextPath, errors);
        references.AddRange(parsedContext.References);
        for (var i = 0; i < models.Count; i++)
        {
            IReadOnlyList<string> at = request.SensorId is null ? [.. FlexModelPath, Index(i)] : FlexModelPath;
            var sensor = powerSensors[powerIds[i]];
            if (scheduler == SchedulerNames.Process)
            {
                references.AddRange(FlexParser.Process(models[i], at, errors, ProcessTypeAttribute(sensor, stored[sensor.AssetId].Attributes)).References);
                continue;
            }

            var (model, modelReferences) = FlexParser.Storage(models[i], at, errors, sensor.Unit);
            references.AddRange(modelReferences.Where(r => r.Path[^1] != "sensor"));
            if (model is not null && model.PowerCapacity is null && model.ConsumptionCapacity is null && model.ProductionCapacity is null)
            {
                errors.Add([.. at, "power-capacity"], "Missing: the device's power capacity must be known (give power-capacity, or set capacity_in_mw on the asset).");
            }
        }

        if (parsedContext.Context is { ConsumptionPrice: null })
        {
            errors.Add([.. FlexContextPath, "consumption-price"], "Missing data for required field: give a price (e.g. \"30 EUR/MWh\") or a price sensor ({\"sensor\": id}).");
        }

        await check.CheckAsync(references, mayRead, parsedContext.Context?.Currency, errors, cancellationToken);

        // The grid: the requested resolution, else the coarsest sensor's; every sensor's resolution must divide it.
        var resolution = request.Resolution ?? powerSensors.Values.Max(s => s.EventResolution);
        if (resolution <= TimeSpan.Zero)
        {
            errors.Add(["resolution"], "Must be positive.");
        }
        else
        {
            foreach (var sensor in powerSensors.Values.Where(s => s.EventResolution > TimeSpan.Zero && resolution.Ticks % s.EventResolution.Ticks != 0))
            {
                errors.Add(["resolution"], $"Resolution of {IsoDuration.Format(resolution)} is incompatible with the sensor's required resolution of {IsoDuration.Format(sensor.EventResolution)} (sensor {sensor.Id}).");
            }
        }

        var duration = request.Duration ?? options.Value.PlanningHorizon;
        if (duration <= TimeSpan.Zero)
        {
            errors.Add(["duration"], "Must be positive.");
        }

        errors.ThrowIfAny();
        var start = Floor(request.Start.UtcDateTime, resolution);
        var steps = (int)Math.Ceiling((request.Start.UtcDateTime + duration - start) / resolution);
        if (steps > options.Value.MaxPlanningHorizonSteps)
        {
            errors.Add(["duration"], string.Create(
                CultureInfo.InvariantCulture,
                $"The planning horizon is limited to {options.Value.MaxPlanningHorizonSteps} steps of {IsoDuration.Format(resolution)} ({IsoDuration.Format(resolution * options.Value.MaxPlanningHorizonSteps)}); {IsoDuration.Format(duration)} is {steps} steps."));
        }

        errors.ThrowIfAny();
        // Whole seconds: the belief time is stored as a horizon (microseconds on PostgreSQL), and the schedule of a job
        // is found again by exactly this belief time.
        var beliefTime = request.Prior?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime;
        beliefTime = new DateTime(beliefTime.Ticks - (beliefTime.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return new ScheduleRun(scheduler, request.AssetId, request.SensorId, start, start + (resolution * steps), resolution, beliefTime, [.. models], context);
    }

    /// <summary>The flex-context stored on the asset and its ancestors; the nearer asset's fields win.</summary>
    private async Task<JsonObject> StoredContextAsync(int assetId, CancellationToken cancellationToken)
    {
        var chain = new List<string>();
        int? id = assetId;
        var seen = new HashSet<int>();
        while (id is { } current && seen.Add(current))
        {
            var row = await db.GenericAssets.AsNoTracking().Where(a => a.Id == current).Select(a => new { a.FlexContext, a.ParentAssetId }).SingleAsync(cancellationToken);
            chain.Add(row.FlexContext);
            id = row.ParentAssetId;
        }

        var context = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in Json.ParseObject(chain[i], "flex_context"))
            {
                context[key] = value?.DeepClone();
            }
        }

        return context;
    }

    /// <summary>FlexMeasures' older asset and sensor attributes, used where the flex-model leaves a field out.</summary>
    private static void AddLegacyAttributes(JsonObject model, JsonObject assetAttributes, JsonObject sensorAttributes)
    {
        foreach (var (attribute, field, unit) in new[] { ("capacity_in_mw", "power-capacity", "MW"), ("max_soc_in_mwh", "soc-max", "MWh"), ("min_soc_in_mwh", "soc-min", "MWh") })
        {
            if (model.ContainsKey(field))
            {
                continue;
            }

            var value = sensorAttributes[attribute] ?? assetAttributes[attribute];
            if (value is JsonValue v && v.TryGetValue<double>(out var number))
            {
                model[field] = string.Create(CultureInfo.InvariantCulture, $"{number} {unit}");
            }
        }
    }

    private static string? ProcessTypeAttribute(FlexSensor sensor, string assetAttributes) =>
        (Json.ParseObject(sensor.Attributes, "attributes")["process-type"] ?? Json.ParseObject(assetAttributes, "attributes")["process-type"]) is JsonValue v
        && v.TryGetValue<string>(out var text) ? text : null;

    private static DateTime Floor(DateTime utc, TimeSpan resolution) =>
        resolution <= TimeSpan.Zero ? utc : new DateTime(utc.Ticks - (utc.Ticks % resolution.Ticks), DateTimeKind.Utc);

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}

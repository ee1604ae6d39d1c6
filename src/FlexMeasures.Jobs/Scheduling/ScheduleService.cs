using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;
using FlexMeasures.Scheduling;
using FlexMeasures.Scheduling.Processes;
using FlexMeasures.Scheduling.Storage;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Scheduling;

/// <summary>What one schedule computation gave.</summary>
/// <param name="SolveTime">Building and solving the optimisation problem.</param>
public sealed record ScheduleOutcome(
    ScheduleRun Run,
    IReadOnlyList<DeviceOutcome> Devices,
    ScheduleCosts Costs,
    IReadOnlyList<BreachReport> Breaches,
    TimeSpan SolveTime)
{
    /// <summary>Reading the sensors and flex config and resolving them to numbers per step (before solving).</summary>
    public TimeSpan ReadTime { get; init; }

    /// <summary>Of <see cref="SolveTime"/>, the time inside the solver itself (storage schedules only; else zero).</summary>
    public TimeSpan SolverTime { get; init; }

    /// <summary>The job result: FlexMeasures' <c>scheduler_info</c>, the costs and the constraints not met.</summary>
    public JsonObject ToJson(int? sourceId, long storedBeliefs) => new()
    {
        ["scheduler_info"] = new JsonObject { ["scheduler"] = Run.Scheduler },
        ["source"] = sourceId,
        ["costs"] = new JsonObject
        {
            ["currency"] = Costs.Currency,
            ["energy"] = Costs.Energy,
            ["peak"] = Costs.Peak,
            ["breach"] = Costs.Breach,
            ["total"] = Costs.Energy + Costs.Peak + Costs.Breach,
            ["doing-nothing"] = Costs.DoingNothing,
        },
        ["unresolved"] = new JsonArray([.. Breaches.Select(b => (JsonNode)new JsonObject
        {
            ["constraint"] = b.Constraint,
            ["device"] = b.Device,
            ["largest"] = b.Largest,
            ["cost"] = b.Cost,
        })]),
        ["num-beliefs"] = storedBeliefs,
    };
}

/// <summary>
/// Computes schedules and stores them: reads the flex config's sensors as of the belief time, resolves every field to
/// one number per step, solves with the storage or process scheduler, and saves the power (and state-of-charge)
/// schedules as beliefs of the <c>scheduler</c> data source, held at the belief time. Safe to run twice: the same run
/// gives the same beliefs, which the belief store recognises as already stored.
/// </summary>
public sealed class ScheduleService(FlexMeasuresDbContext db, FlexSensorCheck check, FlexSeriesResolver resolver, BeliefStore store, DataSourceService sources)
{
    /// <summary>Computes and (unless <paramref name="dryRun"/>) stores; the result is the job's.</summary>
    /// <exception cref="InvalidInputException">The flex config no longer fits the data (a sensor was removed, prices are missing).</exception>
    /// <exception cref="InvalidOperationException">The hard constraints cannot be met.</exception>
    public async Task<(ScheduleOutcome Outcome, JsonObject Result)> RunAsync(ScheduleRun run, bool dryRun, CancellationToken cancellationToken)
    {
        var outcome = await ComputeAsync(run, cancellationToken);
        if (dryRun)
        {
            return (outcome, outcome.ToJson(null, 0));
        }

        var (sourceId, stored) = await StoreAsync(outcome, cancellationToken);
        return (outcome, outcome.ToJson(sourceId, stored));
    }

    /// <inheritdoc cref="RunAsync"/>
    public async Task<ScheduleOutcome> ComputeAsync(ScheduleRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clock = Stopwatch.StartNew();
        var errors = new FlexErrors();
        var (context, contextReferences) = FlexParser.Context(run.FlexContext, ["flex-context"], errors);
        var ids = new List<int>(run.PowerSensors);
        ids.AddRange(contextReferences.Select(r => r.SensorId));
        var window = new ScheduleWindow(run.Start, run.Resolution, run.Steps, run.BeliefTime);
        var sensors = await check.LoadAsync(ids, cancellationToken);
        foreach (var id in run.PowerSensors.Where(id => !sensors.ContainsKey(id)))
        {
            throw new InvalidInputException("sensor", $"sensor {id} no longer exists");
        }

        var currency = context?.Currency ?? PriceSensorCurrency(context, sensors);
        if (context is null || currency is null)
        {
            errors.ThrowIfAny();
            throw new InvalidInputException("consumption-price", "the currency of the prices is unknown");
        }

        var consumptionPrice = Required(await ResolveAsync(context.ConsumptionPrice!, QuantityKind.EnergyPrice, window, currency, "consumption-price", cancellationToken), "consumption-price", window);
        if (run.Scheduler == SchedulerNames.Process)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pricesRead = clock.Elapsed;
            return Process(run, window, consumptionPrice, currency) with { ReadTime = pricesRead };
        }

        var models = new List<StorageFlexModel>();
        for (var i = 0; i < run.FlexModels.Count; i++)
        {
            var sensor = sensors[run.PowerSensors[i]];
            var (model, references) = FlexParser.Storage(run.FlexModels[i]!.AsObject(), ["flex-model", i.ToString(CultureInfo.InvariantCulture)], errors, sensor.Unit);
            if (model is not null)
            {
                models.Add(model);
            }
        }

        if (errors.Any)
        {
            throw new InvalidInputException("flex-model", string.Join("; ", errors.Lines));
        }

        var devices = new List<StorageDevice>();
        var sensorResolutions = new List<TimeSpan>();
        foreach (var model in models)
        {
            var sensor = sensors[model.Sensor!.Value];
            sensorResolutions.Add(sensor.EventResolution);
            devices.Add(await DeviceAsync(model, sensor, window, currency, cancellationToken));
        }

        var inflexible = new List<InflexibleDevice>();
        foreach (var id in context.InflexibleDeviceSensors)
        {
            var values = await resolver.ResolveAsync(new SensorValue(id), QuantityKind.Power, window, currency, "inflexible-device-sensors", cancellationToken);
            var sign = PowerSign.Of(sensors[id].Attributes);
            inflexible.Add(new InflexibleDevice(id.ToString(CultureInfo.InvariantCulture), [.. values.Select(v => sign * (v ?? 0))]));
        }

        var site = new SiteContext(
            consumptionPrice,
            context.ProductionPrice is { } production
                ? Required(await ResolveAsync(production, QuantityKind.EnergyPrice, window, currency, "production-price", cancellationToken), "production-price", window)
                : null,
            await OptionalAsync(context.SitePowerCapacity, QuantityKind.Power, window, currency, "site-power-capacity", cancellationToken),
            await OptionalAsync(context.SiteConsumptionCapacity, QuantityKind.Power, window, currency, "site-consumption-capacity", cancellationToken),
            await OptionalAsync(context.SiteProductionCapacity, QuantityKind.Power, window, currency, "site-production-capacity", cancellationToken),
            await OptionalAsync(context.SitePeakConsumption, QuantityKind.Power, window, currency, "site-peak-consumption", cancellationToken),
            await PenaltyPricesAsync(context.SitePeakConsumptionPrice, QuantityKind.PowerPrice, window, currency, "site-peak-consumption-price", cancellationToken),
            await OptionalAsync(context.SitePeakProduction, QuantityKind.Power, window, currency, "site-peak-production", cancellationToken),
            await PenaltyPricesAsync(context.SitePeakProductionPrice, QuantityKind.PowerPrice, window, currency, "site-peak-production-price", cancellationToken),
            await BreachPricesAsync(context, window, currency, cancellationToken));
        var readTime = clock.Elapsed;
        var schedule = StorageScheduler.Schedule(new StorageProblem(new TimeGrid(window.Start, window.Resolution, window.Steps), devices, site, inflexible));
        if (schedule.Status is not (SolverStatus.Optimal or SolverStatus.Feasible))
        {
            throw new InvalidOperationException($"No schedule: the solver ended {schedule.Status} (the hard constraints cannot all be met; relax-constraints makes SoC and site capacity soft).");
        }

        var outcomes = models.Select((m, i) => new DeviceOutcome(m.Sensor!.Value, schedule.Devices[i].PowerMw, m.StateOfCharge, schedule.Devices[i].SocMwh, m.SocMax)).ToList();
        var breaches = schedule.Breaches.Select(b => new BreachReport(b.Kind.ToString(), b.Device, b.Largest, b.Cost)).ToList();
        return new ScheduleOutcome(run, outcomes, new ScheduleCosts(currency, schedule.EnergyCost, schedule.PeakCost, schedule.BreachCost, schedule.EnergyCostOfDoingNothing), breaches, schedule.SolveTime)
        {
            ReadTime = readTime,
            SolverTime = schedule.SolverTime,
        };
    }

    /// <summary>Saves the schedules in one transaction; returns the source and how many beliefs were new or changed.</summary>
    public async Task<(int SourceId, long Stored)> StoreAsync(ScheduleOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var run = outcome.Run;
        var source = await sources.GetOrCreateGeneratorAsync(SchedulerNames.SourceName, SchedulerNames.SourceType, run.Scheduler, SchedulerNames.VersionOf(run.Scheduler), cancellationToken);
        var ids = outcome.Devices.Select(d => d.SensorId).Concat(outcome.Devices.Where(d => d.SocSensorId is not null).Select(d => d.SocSensorId!.Value)).ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return await db.InTransactionAsync(
            async ct =>
            {
                long stored = 0;
                foreach (var device in outcome.Devices)
                {
                    var sensor = sensors[device.SensorId];
                    var sign = PowerSign.Of(sensor.Attributes);
                    var toUnit = UnitConverter.Between("MW", sensor.Unit, sensor.EventResolution);
                    var repeat = (int)(run.Resolution.Ticks / sensor.EventResolution.Ticks);
                    var beliefs = new List<NewBelief>(device.PowerMw.Count * repeat);
                    for (var k = 0; k < device.PowerMw.Count; k++)
                    {
                        for (var r = 0; r < repeat; r++)
                        {
                            var eventStart = run.Start + (run.Resolution * k) + (sensor.EventResolution * r);
                            beliefs.Add(new NewBelief(eventStart, Horizon(sensor, eventStart, run.BeliefTime), toUnit.Apply(sign * Clean(device.PowerMw[k]))));
                        }
                    }

                    stored += Count(await store.SaveAsync(sensor.Id, source.Id, beliefs, allowOverwrite: true, ct));
                    if (device.SocSensorId is { } socId && device.SocMwh is { } soc)
                    {
                        var socSensor = sensors[socId];
                        var socConversion = SocConversion(socSensor.Unit, device.SocMaxMwh);
                        var socBeliefs = soc.Select((v, k) => run.Start + (run.Resolution * k))
                            .Select((t, k) => new NewBelief(t, Horizon(socSensor, t, run.BeliefTime), socConversion(Clean(soc[k]))))
                            .ToList();
                        stored += Count(await store.SaveAsync(socSensor.Id, source.Id, socBeliefs, allowOverwrite: true, ct));
                    }
                }

                return (source.Id, stored);
            },
            cancellationToken);
    }

    private static ScheduleOutcome Process(ScheduleRun run, ScheduleWindow window, double[] price, string currency)
    {
        var errors = new FlexErrors();
        var (model, _) = FlexParser.Process(run.FlexModels[0]!.AsObject(), ["flex-model"], errors);
        if (model is null)
        {
            throw new InvalidInputException("flex-model", string.Join("; ", errors.Lines));
        }

        var restricted = new double?[window.Steps];
        FlexSeriesResolver.Lay(model.TimeRestrictions, instants: false, window, restricted);
        var problem = new ProcessProblem(
            new TimeGrid(window.Start, window.Resolution, window.Steps),
            model.Power,
            (int)Math.Ceiling(model.Duration / window.Resolution),
            model.ProcessType switch
            {
                "SHIFTABLE" => FlexMeasures.Scheduling.Processes.ProcessType.Shiftable,
                "BREAKABLE" => FlexMeasures.Scheduling.Processes.ProcessType.Breakable,
                _ => FlexMeasures.Scheduling.Processes.ProcessType.Inflexible,
            },
            price,
            [.. restricted.Select(r => r is not null)],
            model.Maximize ? OptimizationSense.Maximize : OptimizationSense.Minimize);
        var schedule = ProcessScheduler.Schedule(problem);
        if (schedule.Status is not (SolverStatus.Optimal or SolverStatus.Feasible))
        {
            throw new InvalidOperationException($"No schedule: {schedule.Message ?? schedule.Status.ToString()}");
        }

        return new ScheduleOutcome(
            run,
            [new DeviceOutcome(run.PowerSensors[0], schedule.PowerMw, null, null, null)],
            new ScheduleCosts(currency, schedule.Cost, 0, 0, schedule.CostOfDoingNothing),
            [],
            schedule.SolveTime);
    }

    private async Task<StorageDevice> DeviceAsync(StorageFlexModel model, FlexSensor sensor, ScheduleWindow window, string currency, CancellationToken cancellationToken)
    {
        var name = sensor.Id.ToString(CultureInfo.InvariantCulture);
        var consumption = await OptionalAsync(model.ConsumptionCapacity, QuantityKind.Power, window, currency, "consumption-capacity", cancellationToken);
        var production = await OptionalAsync(model.ProductionCapacity, QuantityKind.Power, window, currency, "production-capacity", cancellationToken);

        // FlexMeasures' fallback: without power-capacity, the larger of the directional capacities bounds the device.
        var power = await OptionalAsync(model.PowerCapacity, QuantityKind.Power, window, currency, "power-capacity", cancellationToken)
            ?? [.. Enumerable.Range(0, window.Steps).Select(k => Math.Max(consumption?[k] ?? 0, production?[k] ?? 0))];
        var storage = model.SocAtStart is not null || model.SocMin is not null || model.SocMax is not null
            || model.SocMinima is not null || model.SocMaxima is not null || model.SocTargets is not null || model.StateOfCharge is not null;
        var roundtrip = model.RoundtripEfficiency is { } rt ? Math.Sqrt(rt) : (double?)null;
        var storageEfficiency = await OptionalAsync(model.StorageEfficiency, QuantityKind.Fraction, window, currency, "storage-efficiency", cancellationToken);

        // The storage efficiency is per event of the power sensor; the scheduler wants it per step.
        var perStep = window.Resolution / sensor.EventResolution;
        return new StorageDevice(
            name,
            power,
            consumption,
            production,
            storage ? model.SocAtStart ?? 0 : null,
            model.SocMin ?? 0,
            model.SocMax ?? double.PositiveInfinity,
            model.SocMinima is null ? null : await resolver.ResolveAsync(model.SocMinima, QuantityKind.Energy, window, currency, "soc-minima", cancellationToken),
            model.SocMaxima is null ? null : await resolver.ResolveAsync(model.SocMaxima, QuantityKind.Energy, window, currency, "soc-maxima", cancellationToken),
            model.SocTargets is null ? null : await resolver.ResolveAsync(model.SocTargets, QuantityKind.Energy, window, currency, "soc-targets", cancellationToken),
            roundtrip is { } c ? [.. Enumerable.Repeat(c, window.Steps)] : await OptionalAsync(model.ChargingEfficiency, QuantityKind.Fraction, window, currency, "charging-efficiency", cancellationToken),
            roundtrip is { } d ? [.. Enumerable.Repeat(d, window.Steps)] : await OptionalAsync(model.DischargingEfficiency, QuantityKind.Fraction, window, currency, "discharging-efficiency", cancellationToken),
            storageEfficiency is null ? null : [.. storageEfficiency.Select(e => Math.Pow(e, perStep))],
            await SumAsync(model.SocGain, window, currency, "soc-gain", cancellationToken),
            await SumAsync(model.SocUsage, window, currency, "soc-usage", cancellationToken),
            model.PreferChargingSooner);
    }

    private async Task<BreachPrices> BreachPricesAsync(FlexContext context, ScheduleWindow window, string currency, CancellationToken cancellationToken)
    {
        var defaults = BreachPrices.FromRelaxFlags(window.Steps, context.SoftSoc, context.SoftSiteCapacity, context.RelaxCapacityConstraints);

        // A SoC breach is about the state at the end of a step; FlexMeasures prices it at the price of the next step.
        var socWindow = window with { Start = window.Start + window.Resolution };
        return new BreachPrices(
            await PenaltyPricesAsync(context.SiteConsumptionBreachPrice, QuantityKind.PowerPrice, window, currency, "site-consumption-breach-price", cancellationToken) ?? defaults.SiteConsumption,
            await PenaltyPricesAsync(context.SiteProductionBreachPrice, QuantityKind.PowerPrice, window, currency, "site-production-breach-price", cancellationToken) ?? defaults.SiteProduction,
            await PenaltyPricesAsync(context.ConsumptionBreachPrice, QuantityKind.PowerPrice, window, currency, "consumption-breach-price", cancellationToken) ?? defaults.DeviceConsumption,
            await PenaltyPricesAsync(context.ProductionBreachPrice, QuantityKind.PowerPrice, window, currency, "production-breach-price", cancellationToken) ?? defaults.DeviceProduction,
            await PenaltyPricesAsync(context.SocMinimaBreachPrice, QuantityKind.EnergyPrice, socWindow, currency, "soc-minima-breach-price", cancellationToken) ?? defaults.SocMinima,
            await PenaltyPricesAsync(context.SocMaximaBreachPrice, QuantityKind.EnergyPrice, socWindow, currency, "soc-maxima-breach-price", cancellationToken) ?? defaults.SocMaxima);
    }

    private Task<double?[]> ResolveAsync(FlexValue value, QuantityKind kind, ScheduleWindow window, string currency, string field, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(value, kind, window, currency, field, cancellationToken);

    /// <summary>A per-step limit; steps without a value are unlimited (MW limits) or zero (nothing known).</summary>
    private async Task<double[]?> OptionalAsync(FlexValue? value, QuantityKind kind, ScheduleWindow window, string currency, string field, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }

        var steps = await resolver.ResolveAsync(value, kind, window, currency, field, cancellationToken);
        return [.. steps.Select(v => v ?? (kind == QuantityKind.Power ? double.PositiveInfinity : 1))];
    }

    /// <summary>A breach or peak price per step (see <see cref="FlexSeriesResolver.ExtendToEdges"/>); null when none is given or known.</summary>
    private async Task<double[]?> PenaltyPricesAsync(FlexValue? value, QuantityKind kind, ScheduleWindow window, string currency, string field, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }

        return FlexSeriesResolver.ExtendToEdges(await resolver.ResolveAsync(value, kind, window, currency, field, cancellationToken));
    }

    private async Task<double[]?> SumAsync(IReadOnlyList<FlexValue> values, ScheduleWindow window, string currency, string field, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sum = new double[window.Steps];
        foreach (var value in values)
        {
            var steps = await resolver.ResolveAsync(value, QuantityKind.Power, window, currency, field, cancellationToken);
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += steps[k] ?? 0;
            }
        }

        return sum;
    }

    /// <summary>Prices must be known for every step (FlexMeasures refuses to schedule on unknown prices).</summary>
    private static double[] Required(double?[] values, string field, ScheduleWindow window)
    {
        var missing = Array.FindIndex(values, v => v is null);
        if (missing >= 0)
        {
            throw new InvalidInputException(field, string.Create(
                CultureInfo.InvariantCulture,
                $"Prices unknown for planning window: none known (as of {window.BeliefTime:yyyy-MM-ddTHH:mm:ssZ}) for {window.Start + (window.Resolution * missing):yyyy-MM-ddTHH:mm:ssZ}."));
        }

        return [.. values.Select(v => v!.Value)];
    }

    private static string? PriceSensorCurrency(FlexContext? context, IReadOnlyDictionary<int, FlexSensor> sensors) =>
        context?.ConsumptionPrice is SensorValue s && sensors.TryGetValue(s.SensorId, out var sensor) ? Prices.CurrencyOf(sensor.Unit, "MWh") : null;

    private static TimeSpan Horizon(Data.Sensors.Sensor sensor, DateTime eventStart, DateTime beliefTime) =>
        KnowledgeHorizons.BeliefHorizon(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, eventStart, sensor.EventResolution, beliefTime);

    /// <summary>Solver noise such as -1e-12 MW stored as 0, so a re-run gives the same bits.</summary>
    private static double Clean(double value) => Math.Abs(value) < 1e-9 ? 0 : Math.Round(value, 9);

    /// <summary>MWh into the SoC sensor's unit; <c>%</c> is a share of soc-max.</summary>
    private static Func<double, double> SocConversion(string unit, double? socMaxMwh)
    {
        if (unit == "%")
        {
            return socMaxMwh is { } max && max > 0 && double.IsFinite(max)
                ? mwh => 100 * mwh / max
                : throw new InvalidInputException("state-of-charge", "a state-of-charge sensor in % needs soc-max");
        }

        var conversion = UnitConverter.Between("MWh", unit);
        return conversion.Apply;
    }

    private static long Count(SaveResult result) => result.Stored + result.Replaced;
}

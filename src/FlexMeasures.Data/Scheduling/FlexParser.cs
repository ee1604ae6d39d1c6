using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// FlexMeasures' flex-model and flex-context fields, read from JSON into typed records with FlexMeasures' defaults.
/// Pure: sensors are only named here (<see cref="FlexFieldReader.References"/>); their existence, access and units
/// are checked by <see cref="FlexSensorCheck"/>.
/// </summary>
public static class FlexParser
{
    /// <summary>Storage flex-model fields (and <c>sensor</c>, the power sensor, in an asset trigger's list).</summary>
    public static IReadOnlyList<string> StorageFields { get; } =
    [
        "sensor", "soc-at-start", "soc-min", "soc-max", "soc-minima", "soc-maxima", "soc-targets", "soc-unit", "state-of-charge",
        "power-capacity", "consumption-capacity", "production-capacity", "charging-efficiency", "discharging-efficiency",
        "roundtrip-efficiency", "storage-efficiency", "soc-gain", "soc-usage", "prefer-charging-sooner",
    ];

    /// <summary>Process flex-model fields.</summary>
    public static IReadOnlyList<string> ProcessFields { get; } = ["sensor", "power", "duration", "process-type", "time-restrictions", "optimization-sense"];

    /// <summary>Flex-context fields.</summary>
    public static IReadOnlyList<string> ContextFields { get; } =
    [
        "consumption-price", "production-price", "consumption-price-sensor", "production-price-sensor",
        "site-power-capacity", "site-consumption-capacity", "site-production-capacity",
        "site-consumption-breach-price", "site-production-breach-price",
        "site-peak-consumption", "site-peak-consumption-price", "site-peak-production", "site-peak-production-price",
        "consumption-breach-price", "production-breach-price", "soc-minima-breach-price", "soc-maxima-breach-price",
        "relax-constraints", "relax-soc-constraints", "relax-capacity-constraints", "relax-site-capacity-constraints",
        "inflexible-device-sensors",
    ];

    /// <summary>Reads a storage flex-model; problems go to <paramref name="errors"/> under <paramref name="path"/>.</summary>
    /// <param name="powerSensorUnit">
    /// The scheduled power sensor's unit: bare SoC numbers are in kWh for a kW/kWh sensor, else in MWh (FlexMeasures'
    /// default soc-unit).
    /// </param>
    public static (StorageFlexModel? Model, IReadOnlyList<FlexSensorReference> References) Storage(
        JsonObject model, IReadOnlyList<string> path, FlexErrors errors, string? powerSensorUnit = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Lines.Count;
        var r = new FlexFieldReader(model, path, errors, new PriceCurrency());
        var sensor = r.Sensor("sensor", null, bareIdAllowed: true);
        var socUnit = r.String("soc-unit");
        if (socUnit is not null and not ("kWh" or "MWh"))
        {
            r.Fail("soc-unit", "Must be one of: kWh, MWh.");
        }

        socUnit ??= powerSensorUnit switch
        {
            "kW" or "kWh" => "kWh",
            _ => "MWh",
        };

        var socMax = r.Fixed("soc-max", QuantityKind.Energy, socUnit, check: NotNegative);
        var socAtStart = r.Fixed("soc-at-start", QuantityKind.Energy, socUnit, socMax, NotNegative);
        var socMin = r.Fixed("soc-min", QuantityKind.Energy, socUnit, socMax, NotNegative);
        if (socMin is { } min && socMax is { } max && min > max)
        {
            r.Fail("soc-min", $"Must not exceed soc-max ({max} MWh), got {min} MWh.");
        }

        var socMinima = r.Variable("soc-minima", QuantityKind.Energy, socUnit, socMax, NotNegative, instants: true);
        var socMaxima = r.Variable("soc-maxima", QuantityKind.Energy, socUnit, socMax, NotNegative, instants: true);
        var socTargets = r.Variable("soc-targets", QuantityKind.Energy, socUnit, socMax, NotNegative, instants: true);
        var stateOfCharge = r.Sensor("state-of-charge", null);
        var powerCapacity = r.Variable("power-capacity", QuantityKind.Power, "MW", check: NotNegative);
        var consumptionCapacity = r.Variable("consumption-capacity", QuantityKind.Power, "MW", check: NotNegative);
        var productionCapacity = r.Variable("production-capacity", QuantityKind.Power, "MW", check: NotNegative);
        var chargingEfficiency = r.Variable("charging-efficiency", QuantityKind.Fraction, "", check: Efficiency);
        var dischargingEfficiency = r.Variable("discharging-efficiency", QuantityKind.Fraction, "", check: Efficiency);
        var roundtripEfficiency = r.Fixed("roundtrip-efficiency", QuantityKind.Fraction, "", check: Efficiency);
        if (r.Has("roundtrip-efficiency") && (r.Has("charging-efficiency") || r.Has("discharging-efficiency")))
        {
            r.Fail("roundtrip-efficiency", "Fields `charging-efficiency`/`discharging-efficiency` and `roundtrip-efficiency` are mutually exclusive.");
        }

        var storageEfficiency = r.Variable("storage-efficiency", QuantityKind.Fraction, "", check: Efficiency);
        var socGain = r.VariableList("soc-gain", QuantityKind.Power, "MW");
        var socUsage = r.VariableList("soc-usage", QuantityKind.Power, "MW");
        var preferChargingSooner = r.Boolean("prefer-charging-sooner") ?? true;
        r.RejectUnknown();
        if (errors.Lines.Count > before)
        {
            return (null, r.References);
        }

        return (new StorageFlexModel(
            sensor, socAtStart, socMin, socMax, socMinima, socMaxima, socTargets, stateOfCharge,
            powerCapacity, consumptionCapacity, productionCapacity, chargingEfficiency, dischargingEfficiency, roundtripEfficiency,
            storageEfficiency, socGain, socUsage, preferChargingSooner), r.References);
    }

    /// <summary>Reads a process flex-model (FlexMeasures' ProcessScheduler).</summary>
    /// <param name="processTypeFallback">The <c>process-type</c> attribute of the sensor or its asset, used when the field is absent.</param>
    public static (ProcessFlexModel? Model, IReadOnlyList<FlexSensorReference> References) Process(
        JsonObject model, IReadOnlyList<string> path, FlexErrors errors, string? processTypeFallback = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Lines.Count;
        var r = new FlexFieldReader(model, path, errors, new PriceCurrency());
        var sensor = r.Sensor("sensor", null, bareIdAllowed: true);
        var power = r.Fixed("power", QuantityKind.Power, "MW", check: NotNegative);
        if (power is null && !r.Has("power"))
        {
            r.Fail("power", "Missing data for required field.");
        }

        var duration = r.Duration("duration");
        if (duration is null && !r.Has("duration"))
        {
            r.Fail("duration", "Missing data for required field.");
        }

        var typeText = r.String("process-type") ?? processTypeFallback ?? "INFLEXIBLE";
        if (typeText is not ("INFLEXIBLE" or "SHIFTABLE" or "BREAKABLE"))
        {
            r.Fail("process-type", "Must be one of: INFLEXIBLE, BREAKABLE, SHIFTABLE.");
        }

        var restrictions = r.Periods("time-restrictions");

        var sense = r.String("optimization-sense") ?? "MIN";
        if (sense is not ("MIN" or "MAX"))
        {
            r.Fail("optimization-sense", "Must be one of: MAX, MIN.");
        }

        r.RejectUnknown();
        if (errors.Lines.Count > before)
        {
            return (null, r.References);
        }

        return (new ProcessFlexModel(sensor, power!.Value, duration!.Value, typeText, restrictions, sense == "MAX"), r.References);
    }

    /// <summary>Reads a flex-context; every price must share one currency.</summary>
    public static (FlexContext? Context, IReadOnlyList<FlexSensorReference> References) Context(JsonObject context, IReadOnlyList<string> path, FlexErrors errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Lines.Count;
        var currency = new PriceCurrency();
        var r = new FlexFieldReader(context, path, errors, currency);
        var consumptionPrice = r.Variable("consumption-price", QuantityKind.EnergyPrice, "");
        var productionPrice = r.Variable("production-price", QuantityKind.EnergyPrice, "");

        // Deprecated since FlexMeasures 0.22; still accepted there when the new fields are absent.
        if (r.Sensor("consumption-price-sensor", QuantityKind.EnergyPrice, bareIdAllowed: true) is { } consumptionSensor)
        {
            consumptionPrice ??= new SensorValue(consumptionSensor);
        }

        if (r.Sensor("production-price-sensor", QuantityKind.EnergyPrice, bareIdAllowed: true) is { } productionSensor)
        {
            productionPrice ??= new SensorValue(productionSensor);
        }

        var result = new FlexContext(
            consumptionPrice,
            productionPrice,
            r.Variable("site-power-capacity", QuantityKind.Power, "MW", check: NotNegative),
            r.Variable("site-consumption-capacity", QuantityKind.Power, "MW", check: NotNegative),
            r.Variable("site-production-capacity", QuantityKind.Power, "MW", check: NotNegative),
            r.Variable("site-consumption-breach-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("site-production-breach-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("site-peak-consumption", QuantityKind.Power, "MW", check: NotNegative) ?? new FixedValue(0),
            r.Variable("site-peak-consumption-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("site-peak-production", QuantityKind.Power, "MW", check: NotNegative) ?? new FixedValue(0),
            r.Variable("site-peak-production-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("consumption-breach-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("production-breach-price", QuantityKind.PowerPrice, "", check: NotNegative),
            r.Variable("soc-minima-breach-price", QuantityKind.EnergyPrice, "", check: NotNegative),
            r.Variable("soc-maxima-breach-price", QuantityKind.EnergyPrice, "", check: NotNegative),
            r.Boolean("relax-constraints") ?? true,
            r.Boolean("relax-soc-constraints"),
            r.Boolean("relax-capacity-constraints") ?? false,
            r.Boolean("relax-site-capacity-constraints"),
            r.SensorList("inflexible-device-sensors", QuantityKind.Power),
            null);
        r.RejectUnknown();
        return errors.Lines.Count > before ? (null, r.References) : (result with { Currency = currency.Code }, r.References);
    }

    private static string? NotNegative(double value) => value < 0 ? "Must be greater than or equal to 0." : null;

    private static string? Efficiency(double value) => value is > 0 and <= 1 ? null : "Must be greater than 0 and less than or equal to 100%.";
}

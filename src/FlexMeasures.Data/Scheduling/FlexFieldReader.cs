using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;

namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// Reads the fields of one flex-model or flex-context object (FlexMeasures' field names and value forms), collecting
/// problems in <see cref="FlexErrors"/> under the field's path rather than stopping at the first.
/// </summary>
/// <remarks>
/// Quantities are numbers (in the field's default unit), strings with a unit (<c>"20 kWh"</c>, <c>"90%"</c>,
/// <c>"0.3 EUR/kWh"</c>), <c>{"sensor": id}</c>, or lists of <c>{"start", "duration"|"end", "value"}</c>.
/// </remarks>
internal sealed partial class FlexFieldReader(JsonObject source, IReadOnlyList<string> path, FlexErrors errors, PriceCurrency currency)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<FlexSensorReference> _references = [];

    public IReadOnlyList<FlexSensorReference> References => _references;

    public FlexErrors Errors => errors;

    public bool Has(string field) => source.ContainsKey(field) && source[field] is not null;

    public void Fail(string field, string message) => errors.Add([.. path, field], message);

    /// <summary>Marks every field that was not read as unknown (marshmallow's "Unknown field.").</summary>
    public void RejectUnknown()
    {
        foreach (var (key, _) in source)
        {
            if (!_read.Contains(key))
            {
                errors.Add([.. path, key], "Unknown field.");
            }
        }
    }

    /// <summary>Lets a field pass without reading it (read elsewhere).</summary>
    public void Accept(string field) => _read.Add(field);

    public bool? Boolean(string field)
    {
        if (Take(field) is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }

        Fail(field, "Not a valid boolean.");
        return null;
    }

    public string? String(string field)
    {
        if (Take(field) is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        Fail(field, "Not a valid string.");
        return null;
    }

    public TimeSpan? Duration(string field)
    {
        if (String(field) is not { } text)
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        Fail(field, $"Not a valid positive ISO 8601 duration: '{text}'.");
        return null;
    }

    /// <summary>A sensor id: <c>{"sensor": id}</c>, or a bare id where FlexMeasures takes one.</summary>
    public int? Sensor(string field, QuantityKind? kind, bool bareIdAllowed = false)
    {
        if (Take(field) is not { } node)
        {
            return null;
        }

        if (SensorId(node) is { } id || (bareIdAllowed && BareId(node) is { } bare && (id = bare) > 0))
        {
            _references.Add(new FlexSensorReference([.. path, field], id, kind));
            return id;
        }

        Fail(field, bareIdAllowed ? "Not a valid sensor id (give an id or {\"sensor\": id})." : "Not a sensor reference: give {\"sensor\": id}.");
        return null;
    }

    /// <summary>A list of sensor ids (<c>inflexible-device-sensors</c>).</summary>
    public IReadOnlyList<int> SensorList(string field, QuantityKind? kind)
    {
        if (Take(field) is not { } node)
        {
            return [];
        }

        if (node is not JsonArray items)
        {
            Fail(field, "Not a valid list.");
            return [];
        }

        var ids = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && (BareId(item) ?? SensorId(item)) is { } id)
            {
                ids.Add(id);
                _references.Add(new FlexSensorReference([.. path, field, i.ToString(CultureInfo.InvariantCulture)], id, kind));
            }
            else
            {
                errors.Add([.. path, field, i.ToString(CultureInfo.InvariantCulture)], "Not a valid sensor id.");
            }
        }

        return ids;
    }

    /// <summary>A quantity that must be one fixed value (no sensor, no time series).</summary>
    public double? Fixed(string field, QuantityKind kind, string numberUnit, double? capacityMwh = null, Func<double, string?>? check = null)
    {
        if (Take(field) is not { } node)
        {
            return null;
        }

        if (node is JsonObject or JsonArray)
        {
            Fail(field, "Must be a single quantity, such as \"20 kWh\" or a number.");
            return null;
        }

        return Checked(field, Convert(node, kind, numberUnit, capacityMwh, [.. path, field]), check);
    }

    /// <summary>A fixed value, a sensor reference or a time series.</summary>
    public FlexValue? Variable(string field, QuantityKind kind, string numberUnit, double? capacityMwh = null, Func<double, string?>? check = null, bool instants = false)
    {
        if (Take(field) is not { } node)
        {
            return null;
        }

        return Variable(node, [.. path, field], kind, numberUnit, capacityMwh, check, instants);
    }

    /// <summary>A list of variable quantities (<c>soc-gain</c>, <c>soc-usage</c>).</summary>
    public IReadOnlyList<FlexValue> VariableList(string field, QuantityKind kind, string numberUnit)
    {
        if (Take(field) is not { } node)
        {
            return [];
        }

        if (node is not JsonArray items || items.Count == 0)
        {
            Fail(field, "Must be a non-empty list.");
            return [];
        }

        var values = new List<FlexValue>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && Variable(item, [.. path, field, i.ToString(CultureInfo.InvariantCulture)], kind, numberUnit, null, null, instants: false) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>A value of a time series or a fixed quantity, checked against <paramref name="check"/> (a message or null).</summary>
    private FlexValue? Variable(JsonNode node, IReadOnlyList<string> at, QuantityKind kind, string numberUnit, double? capacityMwh, Func<double, string?>? check, bool instants)
    {
        if (node is JsonObject reference)
        {
            if (SensorId(reference) is { } id)
            {
                _references.Add(new FlexSensorReference(at, id, kind));
                return new SensorValue(id);
            }

            errors.Add(at, "Not a valid quantity, sensor reference or time series: give e.g. \"1 MW\", {\"sensor\": 3} or [{\"start\": …, \"duration\": …, \"value\": …}].");
            return null;
        }

        if (node is JsonArray items)
        {
            return Series(items, at, kind, numberUnit, capacityMwh, check, instants);
        }

        var value = Convert(node, kind, numberUnit, capacityMwh, at);
        if (value is { } v && check?.Invoke(v) is { } problem)
        {
            errors.Add(at, problem);
            return null;
        }

        return value is { } fixedValue ? new FixedValue(fixedValue) : null;
    }

    /// <summary>A list of periods <c>{"start", "duration"|"end"}</c> (process time restrictions), in UTC.</summary>
    public IReadOnlyList<TimedValue> Periods(string field)
    {
        if (Take(field) is not { } node)
        {
            return [];
        }

        if (node is not JsonArray items)
        {
            Fail(field, "Must be a list of {\"start\", \"duration\"}.");
            return [];
        }

        return Series(items, [.. path, field], QuantityKind.Fraction, "", null, null, instants: false, periods: true)?.Segments ?? [];
    }

    private SeriesValue? Series(
        JsonArray items, IReadOnlyList<string> at, QuantityKind kind, string numberUnit, double? capacityMwh, Func<double, string?>? check, bool instants, bool periods = false)
    {
        var segments = new List<TimedValue>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            IReadOnlyList<string> itemPath = [.. at, i.ToString(CultureInfo.InvariantCulture)];
            if (items[i] is not JsonObject item)
            {
                errors.Add(itemPath, "Not a valid time series entry: give {\"start\", \"duration\" or \"end\", \"value\"}.");
                ok = false;
                continue;
            }

            foreach (var (key, _) in item)
            {
                if (key is not ("start" or "end" or "duration" or "value" or "datetime") || (periods && key == "value"))
                {
                    errors.Add([.. itemPath, key], "Unknown field.");
                    ok = false;
                }
            }

            var start = Instant(item, "start", itemPath) ?? Instant(item, "datetime", itemPath);
            if (start is null && !item.ContainsKey("start") && !item.ContainsKey("datetime"))
            {
                errors.Add([.. itemPath, "start"], "Missing data for required field.");
            }

            DateTime? end = null;
            if (item.ContainsKey("end"))
            {
                end = Instant(item, "end", itemPath);
            }
            else if (item["duration"] is { } durationNode)
            {
                if (durationNode.GetValueKind() == JsonValueKind.String && IsoDuration.TryParse(durationNode.GetValue<string>(), out var duration) && duration >= TimeSpan.Zero)
                {
                    end = start + duration;
                }
                else
                {
                    errors.Add([.. itemPath, "duration"], "Not a valid ISO 8601 duration.");
                }
            }
            else if (start is not null && (instants || item.ContainsKey("datetime")))
            {
                end = start;
            }
            else if (start is not null)
            {
                errors.Add([.. itemPath, "duration"], "Give a duration or an end.");
            }

            double? value = periods ? 1 : null;
            if (!periods && item["value"] is { } valueNode)
            {
                value = Convert(valueNode, kind, numberUnit, capacityMwh, [.. itemPath, "value"]);
                if (value is { } v && check?.Invoke(v) is { } problem)
                {
                    errors.Add([.. itemPath, "value"], problem);
                    value = null;
                }
            }
            else if (!periods)
            {
                errors.Add([.. itemPath, "value"], "Missing data for required field.");
            }

            if (start is { } s && end is { } e && e < s)
            {
                errors.Add([.. itemPath, "end"], "Must not be before the start.");
                ok = false;
            }
            else if (start is { } s2 && end is { } e2 && value is { } v2)
            {
                segments.Add(new TimedValue(s2, e2, v2));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new SeriesValue(segments) : null;
    }

    private DateTime? Instant(JsonObject item, string key, IReadOnlyList<string> at)
    {
        if (item[key] is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String && AwareDateTime.TryParse(node.GetValue<string>(), out var value))
        {
            return value.UtcDateTime;
        }

        errors.Add([.. at, key], "Not a valid aware datetime.");
        return null;
    }

    private double? Checked(string field, double? value, Func<double, string?>? check)
    {
        if (value is { } v && check?.Invoke(v) is { } problem)
        {
            Fail(field, problem);
            return null;
        }

        return value;
    }

    /// <summary>A number (in <paramref name="numberUnit"/>) or a quantity string, in the kind's canonical unit.</summary>
    private double? Convert(JsonNode node, QuantityKind kind, string numberUnit, double? capacityMwh, IReadOnlyList<string> at)
    {
        double magnitude;
        string unit;
        string text;
        switch (node.GetValueKind())
        {
            case JsonValueKind.Number:
                magnitude = node.GetValue<double>();
                unit = numberUnit;
                text = magnitude.ToString(CultureInfo.InvariantCulture);
                if (kind is QuantityKind.EnergyPrice or QuantityKind.PowerPrice)
                {
                    errors.Add(at, $"A price needs its unit, e.g. \"{magnitude.ToString(CultureInfo.InvariantCulture)} EUR/{kind.PricePer()}\".");
                    return null;
                }

                break;
            case JsonValueKind.String:
                text = node.GetValue<string>();
                var match = QuantityPattern().Match(text);
                if (!match.Success)
                {
                    errors.Add(at, $"Not a valid quantity: '{text}' (give a number and a unit, e.g. \"{Example(kind)}\").");
                    return null;
                }

                magnitude = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                unit = match.Groups["unit"].Value;
                break;
            default:
                errors.Add(at, $"Not a valid quantity (give e.g. \"{Example(kind)}\").");
                return null;
        }

        if (!double.IsFinite(magnitude))
        {
            errors.Add(at, "Not a finite number.");
            return null;
        }

        var target = kind.PhysicalUnit();
        if (target is null)
        {
            var per = kind.PricePer();
            if (Prices.CurrencyOf(unit, per) is not { } code)
            {
                errors.Add(at, $"Cannot convert value '{text}' to a price per {per} (e.g. \"{Example(kind)}\").");
                return null;
            }

            if (currency.Code is { } shared && shared != code)
            {
                errors.Add(at, $"All prices must share the same currency unit (in this case: '{shared}'), got '{text}'.");
                return null;
            }

            currency.Code ??= code;
            target = $"{code}/{per}";
        }

        try
        {
            var capacity = kind == QuantityKind.Energy && capacityMwh is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c} MWh") : null;
            if (kind == QuantityKind.Energy && capacity is null && unit.Trim() is "%" or "‰")
            {
                errors.Add(at, $"Cannot convert value '{text}' to MWh: a percentage needs soc-max in an energy unit.");
                return null;
            }

            return UnitConverter.Between(unit, target, capacity: capacity).Apply(magnitude);
        }
        catch (UnitConversionException)
        {
            errors.Add(at, $"Cannot convert value '{text}' to '{(target.Length == 0 ? "%" : target)}'.");
            return null;
        }
    }

    private JsonNode? Take(string field)
    {
        _read.Add(field);
        return source[field];
    }

    private static int? SensorId(JsonNode node) =>
        node is JsonObject { Count: 1 } reference && reference["sensor"] is { } id ? BareId(id) : null;

    private static int? BareId(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var id) && id > 0 ? id : null;

    private static string Example(QuantityKind kind) => kind switch
    {
        QuantityKind.Power => "0.5 MW",
        QuantityKind.Energy => "20 kWh",
        QuantityKind.Fraction => "90%",
        QuantityKind.EnergyPrice => "30 EUR/MWh",
        _ => "20 EUR/MW",
    };

    [GeneratedRegex(@"^\s*(?<number>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}

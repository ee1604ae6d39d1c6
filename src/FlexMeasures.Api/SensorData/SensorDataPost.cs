using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Api.SensorData;

/// <summary>
/// A posted body of sensor data, checked and turned into beliefs in the sensor's unit and resolution, with
/// FlexMeasures' rules and messages:
/// <list type="bullet">
/// <item>the resolution is inferred as duration / number of values, and must be a multiple or a divisor of the
/// sensor's (any resolution suits an instantaneous sensor, but not two values over zero duration);</item>
/// <item>values at a coarser resolution are repeated (upsampled), values at a finer one averaged per sensor
/// step (downsampled, nulls left out);</item>
/// <item>values are converted from the posted unit to the sensor's at the resolution they are held at;</item>
/// <item>the start is floored to the sensor's resolution on the wall clock of the posted offset (unless the
/// sensor's attribute <c>floor_datetimes_to_resolution</c> is false);</item>
/// <item>belief timing: <c>prior</c> (a belief time) wins over <c>horizon</c>; with neither, the belief time is
/// the moment the server received the data. Positive horizons are forecasts.</item>
/// </list>
/// </summary>
internal sealed record SensorDataPost(
    IReadOnlyList<double?> Values,
    DateTimeOffset Start,
    TimeSpan Duration,
    string Unit,
    TimeSpan? Horizon,
    DateTimeOffset? Prior)
{
    /// <summary>The message types FlexMeasures accepted in the obsolete <c>type</c> field.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["PostSensorDataRequest", "PostMeterDataRequest", "PostPrognosisRequest", "PostPriceDataRequest", "PostWeatherDataRequest"];

    /// <summary>The keys FlexMeasures' <c>PostSensorDataSchema</c> accepts (<c>sensor</c>: the entity address of the deprecated endpoint).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["values", "start", "duration", "unit", "horizon", "prior", "type", "sensor"];

    /// <summary>Reads the fields; every problem with them is reported at once.</summary>
    /// <exception cref="RequestValidationException">A field is missing or of the wrong type.</exception>
    public static SensorDataPost Read(FieldReader fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var values = ReadValues(fields);
        var start = fields.AwareDateTime("start", required: true);
        var duration = fields.Duration("duration", required: true);
        var unit = fields.String("unit", required: true);
        var horizon = fields.Duration("horizon");
        var prior = fields.AwareDateTime("prior");
        fields.Window(start, "duration", duration);
        fields.RejectUnknown(Keys);
        if (fields.String("type") is { } type && !Types.Contains(type))
        {
            fields.Fail("type", $"Must be one of: {string.Join(", ", Types)}.");
        }

        fields.ThrowIfInvalid();
        return new SensorDataPost(values!, start!.Value, duration!.Value, unit!, horizon, prior);
    }

    /// <summary>The beliefs to save, in the sensor's unit and resolution.</summary>
    /// <param name="receivedAt">When the server received the data: the belief time when neither prior nor horizon is given.</param>
    /// <exception cref="RequestValidationException">Field <c>_schema</c>: the unit or resolution does not fit the sensor.</exception>
    public IReadOnlyList<NewBelief> ToBeliefs(Sensor sensor, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var required = sensor.EventResolution;
        var inferred = Duration / Values.Count;
        var problems = new List<string>();
        if (Unit != sensor.Unit && !UnitConverter.AreConvertible(Unit, sensor.Unit))
        {
            problems.Add($"Required unit for this sensor is {sensor.Unit}, got incompatible unit: {Unit}");
        }

        if (required != TimeSpan.Zero && Values.Count == 1 && inferred == TimeSpan.Zero)
        {
            problems.Add($"Cannot infer a non-zero resolution from one value over zero duration. This sensor requires a resolution of {ApiTime.Timedelta(required)}.");
        }

        if (required != TimeSpan.Zero && inferred != TimeSpan.Zero && inferred.Ticks % required.Ticks != 0 && required.Ticks % inferred.Ticks != 0)
        {
            problems.Add($"Resolution of {ApiTime.Timedelta(inferred)} is incompatible with the sensor's required resolution of {ApiTime.Timedelta(required)}.");
        }

        if (Values.Count > 1 && inferred == TimeSpan.Zero)
        {
            problems.Add("Cannot save multiple instantaneous values that overlap. That is, two values spanning the same moment (a zero duration). Try sending a single value or definining a non-zero duration.");
        }

        if (problems.Count > 0)
        {
            throw new RequestValidationException("json", new Dictionary<string, IReadOnlyList<string>> { ["_schema"] = problems });
        }

        // Upsample: repeat each value to fill the sensor's finer steps.
        var values = Values;
        var resolution = inferred;
        if (required != TimeSpan.Zero && inferred > required)
        {
            var repeat = (int)(inferred.Ticks / required.Ticks);
            values = [.. Values.SelectMany(v => Enumerable.Repeat(v, repeat))];
            resolution = required;
        }

        UnitConversion conversion;
        try
        {
            conversion = SensorUnits.Between(sensor, Unit, sensor.Unit, resolution);
        }
        catch (InvalidInputException e)
        {
            throw new RequestValidationException("json", "_schema", e.Message);
        }

        var start = Start;
        if (required != TimeSpan.Zero && FloorsToResolution(sensor))
        {
            var wall = start.DateTime;
            start = new DateTimeOffset(wall.AddTicks(-(wall.Ticks % required.Ticks)), start.Offset);
        }

        var startUtc = start.UtcDateTime;
        var events = values.Select((v, i) => (Start: startUtc + (resolution * i), Value: v is { } x ? conversion.Apply(x) : double.NaN));

        // Downsample: average the finer values within each sensor step.
        if (required != TimeSpan.Zero && resolution < required)
        {
            events = events
                .GroupBy(e => (e.Start - startUtc).Ticks / required.Ticks)
                .Select(g =>
                {
                    var present = g.Where(e => !double.IsNaN(e.Value)).Select(e => e.Value).ToList();
                    return (Start: startUtc + TimeSpan.FromTicks(g.Key * required.Ticks), Value: present.Count == 0 ? double.NaN : present.Average());
                });
        }

        var beliefTime = Prior?.UtcDateTime ?? (Horizon is null ? receivedAt.UtcDateTime : (DateTime?)null);
        return [.. events.Select(e => new NewBelief(
            e.Start,
            beliefTime is { } at
                ? KnowledgeHorizons.BeliefHorizon(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, e.Start, sensor.EventResolution, at)
                : Horizon!.Value,
            e.Value))];
    }

    private static List<double?>? ReadValues(FieldReader fields)
    {
        var node = fields.Raw("values");
        if (node is null)
        {
            fields.Fail("values", FieldReader.Missing);
            return null;
        }

        if (node is JsonValue single)
        {
            if (fields.AsNumber(single) is { } number && double.IsFinite(number))
            {
                return [number];
            }

            fields.Fail("values", "Not a valid number.");
            return null;
        }

        if (node is not JsonArray array)
        {
            fields.Fail("values", "Not a valid list.");
            return null;
        }

        if (array.Count == 0)
        {
            fields.Fail("values", "Shorter than minimum length 1.");
            return null;
        }

        var values = new List<double?>(array.Count);
        foreach (var item in array)
        {
            if (item is null)
            {
                values.Add(null);
            }
            else if (item is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                if (!Json.IsFiniteDouble(v))
                {
                    fields.Fail("values", $"Item {values.Count}: Not a valid number: {v.ToJsonString()} is beyond the range of a double (about ±1.8e308).");
                    return null;
                }

                values.Add(v.GetValue<double>());
            }
            else
            {
                fields.Fail("values", $"Item {values.Count}: Not a valid number.");
                return null;
            }
        }

        return values;
    }

    private static bool FloorsToResolution(Sensor sensor) =>
        Json.ParseObject(sensor.Attributes, "attributes")["floor_datetimes_to_resolution"] is not JsonValue flag
        || flag.GetValueKind() != JsonValueKind.False;
}

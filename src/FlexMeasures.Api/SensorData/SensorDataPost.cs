using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Api.SensorData;

/// <summary>
/// A posted body of sensor data as FlexMeasures' <c>PostSensorDataSchema</c> reads it: its fields, checked with
/// FlexMeasures' messages. Turning the values into beliefs (resolution, units, flooring, horizons) is
/// <see cref="BeliefIntake"/>'s; this maps its refusals to the messages FlexMeasures' clients know.
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

    /// <summary>The beliefs to save, in the sensor's unit and resolution (<see cref="BeliefIntake"/> holds the rules).</summary>
    /// <param name="receivedAt">When the server received the data: the belief time when neither prior nor horizon is given.</param>
    /// <exception cref="RequestValidationException">Field <c>_schema</c>: the unit or resolution does not fit the sensor.</exception>
    public IReadOnlyList<NewBelief> ToBeliefs(Sensor sensor, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var intake = new BeliefIntake(sensor, Unit, new BeliefTiming(receivedAt.UtcDateTime, Horizon, Prior?.UtcDateTime));
        var result = intake.FromBlock(Values, Start, Duration);
        if (result.IsRefused)
        {
            throw new RequestValidationException("json", new Dictionary<string, IReadOnlyList<string>>
            {
                ["_schema"] = [.. result.Refusals.Select(r => Message(r, sensor))],
            });
        }

        return result.Beliefs;
    }

    /// <summary>FlexMeasures' words for values (posted or asked for) in a unit the sensor's cannot become.</summary>
    internal static string IncompatibleUnit(Sensor sensor, string unit) => $"Required unit for this sensor is {sensor.Unit}, got incompatible unit: {unit}";

    /// <summary>FlexMeasures' words for a refusal, which its clients may show or match.</summary>
    private string Message(IntakeRefusal refusal, Sensor sensor) => refusal.Problem switch
    {
        IntakeProblem.IncompatibleUnit => IncompatibleUnit(sensor, Unit),
        IntakeProblem.NoResolution =>
            $"Cannot infer a non-zero resolution from one value over zero duration. This sensor requires a resolution of {ApiTime.Timedelta(sensor.EventResolution)}.",
        IntakeProblem.IncompatibleResolution =>
            $"Resolution of {ApiTime.Timedelta(refusal.Resolution)} is incompatible with the sensor's required resolution of {ApiTime.Timedelta(sensor.EventResolution)}.",
        IntakeProblem.OverlappingInstants =>
            "Cannot save multiple instantaneous values that overlap. That is, two values spanning the same moment (a zero duration). Try sending a single value or definining a non-zero duration.",
        _ => refusal.Message,
    };

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
}

using System.Text.Json.Nodes;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Scheduling;

/// <summary>How a power sensor signs its values (FlexMeasures' sensor attribute <c>consumption_is_positive</c>).</summary>
public static class PowerSign
{
    /// <summary>
    /// +1 when the sensor stores consumption as positive (attribute <c>consumption_is_positive: true</c>), −1 otherwise:
    /// FlexMeasures' power sensors store production as positive by default. Multiply a consumption-positive value by it
    /// to store it, and a stored value by it to get consumption positive again.
    /// </summary>
    public static int Of(string sensorAttributes) =>
        Json.ParseObject(sensorAttributes, "attributes")["consumption_is_positive"] is JsonValue v && v.TryGetValue<bool>(out var positive) && positive ? 1 : -1;
}

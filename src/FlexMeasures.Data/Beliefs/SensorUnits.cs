using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Beliefs;

/// <summary>Unit conversions into and out of a sensor's unit, with the sensor's capacity for percentages.</summary>
public static class SensorUnits
{
    /// <summary>The conversion from <paramref name="from"/> to <paramref name="to"/>, one of them usually the sensor's unit.</summary>
    /// <param name="resolution">The duration of each value, for stock/flow conversions (e.g. kWh at 15 minutes is ×4 in kW).</param>
    /// <exception cref="InvalidInputException">Field <c>unit</c>: the units do not convert; the message names both.</exception>
    public static UnitConversion Between(Sensor sensor, string from, string to, TimeSpan resolution)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        try
        {
            return UnitConverter.Between(from, to, resolution, Capacity(sensor));
        }
        catch (UnitConversionException e)
        {
            throw new InvalidInputException("unit", e.Message);
        }
    }

    /// <summary>Whether values in <paramref name="unit"/> can become values in the sensor's unit (a percentage with the sensor's capacity).</summary>
    public static bool AreConvertible(Sensor sensor, string unit)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return UnitConverter.AreConvertible(unit, sensor.Unit, capacity: Capacity(sensor));
    }

    /// <summary>What 100 % stands for on this sensor (attributes <c>capacity_in_mw</c>, <c>capacity_in_mwh</c>, <c>max_soc_in_mwh</c> or <c>capacity</c>).</summary>
    public static string? Capacity(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var attributes = Json.ParseObject(sensor.Attributes, "attributes");
        foreach (var (key, unit) in new[] { ("capacity_in_mw", "MW"), ("capacity_in_mwh", "MWh"), ("max_soc_in_mwh", "MWh") })
        {
            if (attributes[key] is JsonValue value && value.TryGetValue<double>(out var amount))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}");
            }
        }

        return attributes["capacity"] is JsonValue text && text.TryGetValue<string>(out var quantity) ? quantity : null;
    }
}

using System.Globalization;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Units;

/// <summary>
/// Validates unit strings and converts values between units, as FlexMeasures does with pint: SI prefixes,
/// compound units (<c>EUR/MWh</c>, <c>m³/h</c>, <c>l/(100km)</c>), currencies as separate dimensions,
/// percentages, temperatures with offsets, and sign-flipped units such as <c>-kW</c> (production as negative
/// consumption).
/// </summary>
/// <remarks>
/// Beyond plain unit conversion, two FlexMeasures rules bridge dimensions:
/// <list type="bullet">
/// <item>Stock and flow (<c>kWh</c> and <c>kW</c>, <c>m³</c> and <c>m³/h</c>) differ by exactly one time
/// dimension; the event resolution is the time each stock change took.</item>
/// <item>A dimensionless value (<c>%</c>, <c>‰</c>, <c>""</c>) is a fraction of a capacity, such as
/// <c>"50 kWh"</c>, when the other unit is not dimensionless.</item>
/// </list>
/// </remarks>
public static class UnitConverter
{
    /// <summary>Whether <paramref name="unit"/> is a unit expression we can convert (<c>""</c> is dimensionless).</summary>
    public static bool IsValid(string unit) => Validate(unit) is null;

    /// <summary>Why <paramref name="unit"/> is not a valid unit expression, quoting it; null when it is valid.</summary>
    public static string? Validate(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return TryParse(unit, out _, out var error) ? null : error;
    }

    /// <summary>
    /// Whether values in <paramref name="from"/> can be converted to <paramref name="to"/>: when
    /// <paramref name="durationKnown"/>, stock and flow count as convertible; with a <paramref name="capacity"/>
    /// (what 100 % stands for, e.g. <c>"2 MW"</c>), a dimensionless unit and a unit of the capacity's kind too.
    /// </summary>
    public static bool AreConvertible(string from, string to, bool durationKnown = true, string? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return true;
        }

        if (!TryParse(from, out var source, out _) || !TryParse(to, out var target, out _))
        {
            return false;
        }

        var ratio = source.Dimension.Over(target.Dimension);
        if (capacity is not null && source.Dimension.IsNone != target.Dimension.IsNone && TryParse(capacity, out var quantity, out _))
        {
            ratio = source.Dimension.IsNone ? ratio.Times(quantity.Dimension) : ratio.Over(quantity.Dimension);
        }

        return ratio.IsNone || (durationKnown && source.OffsetUnit is null && target.OffsetUnit is null && IsTimeRatio(ratio));
    }

    /// <summary>
    /// The conversion of values from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    /// <param name="from">The unit the values are in.</param>
    /// <param name="to">The unit wanted, typically the sensor's.</param>
    /// <param name="eventResolution">
    /// How long each event lasts; needed only between stock and flow (e.g. <c>kWh</c> at 15 minutes is ×4 in <c>kW</c>).
    /// </param>
    /// <param name="capacity">
    /// A quantity such as <c>"50 kWh"</c> that 100 % stands for; needed only between a dimensionless unit and another.
    /// </param>
    /// <remarks>
    /// Identical unit strings convert with factor 1 without being parsed, as in FlexMeasures, so a sensor with a unit
    /// our registry does not know still accepts data in its own unit.
    /// </remarks>
    /// <exception cref="UnitConversionException">
    /// A unit or the capacity is invalid, the units are incompatible, or a needed resolution or capacity is missing.
    /// </exception>
    public static UnitConversion Between(string from, string to, TimeSpan eventResolution = default, string? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return UnitConversion.Identity;
        }

        var source = ParseOrThrow(from);
        var target = ParseOrThrow(to);

        if (source.Dimension.Equals(target.Dimension))
        {
            return Rounded(source.Factor / target.Factor, (source.Offset - target.Offset) / target.Factor);
        }

        if (source.OffsetUnit is not null || target.OffsetUnit is not null)
        {
            throw Incompatible(from, to, source, target);
        }

        var factor = source.Factor / target.Factor;
        var ratio = source.Dimension.Over(target.Dimension);

        if (source.Dimension.IsNone != target.Dimension.IsNone)
        {
            var capacityQuantity = ParseCapacity(from, to, capacity);
            if (source.Dimension.IsNone)
            {
                factor *= capacityQuantity.Factor;
                ratio = ratio.Times(capacityQuantity.Dimension);
            }
            else
            {
                factor /= capacityQuantity.Factor;
                ratio = ratio.Over(capacityQuantity.Dimension);
            }

            if (ratio.IsNone)
            {
                return Rounded(factor, 0);
            }
        }

        if (!IsTimeRatio(ratio))
        {
            throw capacity is not null && (source.Dimension.IsNone || target.Dimension.IsNone)
                ? new UnitConversionException(
                    $"Cannot convert from '{from}' to '{to}' with a capacity of '{capacity}': the capacity must be a quantity in a unit like '{(source.Dimension.IsNone ? to : from)}'.")
                : Incompatible(from, to, source, target);
        }

        if (eventResolution <= TimeSpan.Zero)
        {
            throw new UnitConversionException(
                $"Converting from '{from}' to '{to}' goes between stock and flow, which needs a positive event resolution (got {IsoDuration.Format(eventResolution)}).");
        }

        // The ratio is [time] for stock -> flow (divide by the duration) and 1/[time] for flow -> stock (multiply by it).
        var seconds = eventResolution.TotalSeconds;
        return Rounded(ratio.Equals(Dimension.Time) ? factor / seconds : factor * seconds, 0);
    }

    private static bool IsTimeRatio(Dimension ratio) =>
        ratio.Equals(Dimension.Time) || ratio.Equals(Dimension.Time.Power(-1));

    private static UnitQuantity ParseOrThrow(string unit) =>
        TryParse(unit, out var quantity, out var error) ? quantity : throw new UnitConversionException(error);

    private static UnitQuantity ParseCapacity(string from, string to, string? capacity)
    {
        if (capacity is null)
        {
            throw new UnitConversionException(
                $"Converting from '{from}' to '{to}' needs a capacity that 100 % stands for (such as \"50 kWh\"), and none is known.");
        }

        if (!TryParse(capacity, out var quantity, out var error))
        {
            throw new UnitConversionException($"The capacity for converting from '{from}' to '{to}' is invalid: {error}");
        }

        return quantity;
    }

    private static bool TryParse(string unit, out UnitQuantity quantity, out string error)
    {
        try
        {
            quantity = UnitParser.Parse(unit);
            error = "";
            return true;
        }
        catch (UnitSyntaxException exception)
        {
            quantity = default;
            error = $"'{unit}' is not a valid unit: {exception.Message}.";
            return false;
        }
    }

    private static UnitConversionException Incompatible(string from, string to, UnitQuantity source, UnitQuantity target) =>
        new($"Cannot convert from '{from}' to '{to}': '{from}' measures {source.Dimension} and '{to}' measures {target.Dimension}.");

    // Prefix arithmetic in binary floating point leaves noise such as 3.6000000000000005; 15 significant digits drop it.
    private static UnitConversion Rounded(double factor, double offset) => new(RoundSignificant(factor), RoundSignificant(offset));

    private static double RoundSignificant(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        return double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace FlexMeasures.Data.Time;

/// <summary>
/// ISO 8601 durations as FlexMeasures reads and writes them (through Python's <c>isodate</c>):
/// <c>PnW</c>, <c>PnDTnHnMnS</c> with an optional sign and fractions on any component.
/// </summary>
/// <remarks>
/// Only exact durations are accepted: years and months have no fixed length, so <c>P1M</c> and
/// <c>P1Y</c> are rejected (zero years or months, as in <c>P0Y0M1D</c>, are fine). Days are taken as
/// 24 hours; calendar-day arithmetic belongs to the caller, who knows the time zone.
/// </remarks>
public static class IsoDuration
{
    private const string Designators = "YMWDTHMS";
    private const int TimeDesignatorsStart = 5;

    // A component above this cannot fit a TimeSpan even in seconds, and keeps decimal arithmetic in range.
    private const decimal MaxComponent = 1e15m;

    private const string ExpectedForms = "expected an ISO 8601 duration such as PT15M, PT2H, P1D, P0DT2H0M0S or -PT1H";

    /// <summary>Reads an ISO 8601 duration.</summary>
    /// <exception cref="FormatException">The text is not an exact ISO 8601 duration; the message quotes it.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var value);
        return error is null ? value : throw new FormatException(error);
    }

    /// <summary>Reads an ISO 8601 duration; false (and zero) when <see cref="Parse"/> would throw.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value)
    {
        if (text is null)
        {
            value = TimeSpan.Zero;
            return false;
        }

        return TryParseCore(text, out value) is null;
    }

    /// <summary>
    /// Appends the time part of a duration after its <c>T</c> (<c>2H15M</c>, <c>1.5S</c>), leaving out zero components:
    /// one writing for every form of ISO duration we give out.
    /// </summary>
    /// <param name="fraction">Ticks below one second.</param>
    public static void AppendTime(StringBuilder builder, ulong hours, ulong minutes, ulong seconds, ulong fraction)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (hours > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }

        if (minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{minutes}M");
        }

        if (seconds > 0 || fraction > 0)
        {
            builder.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction > 0)
            {
                builder.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
            }

            builder.Append('S');
        }
    }

    /// <summary>
    /// Writes the shortest form, as <c>isodate.duration_isoformat</c> does: days, then hours, minutes
    /// and seconds, leaving out zero components; zero is <c>P0D</c>, weeks are written as days.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        var negative = value.Ticks < 0;
        var ticks = negative ? (ulong)-(value.Ticks + 1) + 1 : (ulong)value.Ticks;

        var days = ticks / TimeSpan.TicksPerDay;
        var hours = ticks / TimeSpan.TicksPerHour % 24;
        var minutes = ticks / TimeSpan.TicksPerMinute % 60;
        var seconds = ticks / TimeSpan.TicksPerSecond % 60;
        var fraction = ticks % TimeSpan.TicksPerSecond;

        var builder = new StringBuilder(negative ? "-P" : "P");
        if (days > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{days}D");
        }

        if (hours > 0 || minutes > 0 || seconds > 0 || fraction > 0)
        {
            builder.Append('T');
            AppendTime(builder, hours, minutes, seconds, fraction);
        }

        if (builder.Length == (negative ? 2 : 1))
        {
            builder.Append("0D");
        }

        return builder.ToString();
    }

    private static string? TryParseCore(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var invalid = $"'{text}' is not a valid duration: {ExpectedForms}.";

        var position = 0;
        var negative = false;
        if (position < text.Length && text[position] is '+' or '-')
        {
            negative = text[position] == '-';
            position++;
        }

        if (position >= text.Length || text[position] != 'P')
        {
            return invalid;
        }

        position++;

        // Designators must appear in the order of Designators, each at most once; 'T' separates date from time.
        var nextDesignator = 0;
        var inTime = false;
        var components = 0;
        var componentsAfterT = 0;
        decimal ticks = 0;
        var nominal = false;
        var outOfRange = false;

        while (position < text.Length)
        {
            if (text[position] == 'T')
            {
                if (inTime)
                {
                    return invalid;
                }

                inTime = true;
                nextDesignator = TimeDesignatorsStart;
                position++;
                continue;
            }

            if (!TryReadNumber(text, ref position, out var number) || position >= text.Length)
            {
                return invalid;
            }

            var designator = text[position++];
            var index = IndexOfDesignator(designator, inTime, nextDesignator);
            if (index < 0)
            {
                return invalid;
            }

            nextDesignator = index + 1;
            components++;
            if (inTime)
            {
                componentsAfterT++;
            }

            if (number > MaxComponent)
            {
                outOfRange = true;
                continue;
            }

            nominal |= index < 2 && number != 0;
            ticks += number * index switch
            {
                2 => 7 * TimeSpan.TicksPerDay,
                3 => TimeSpan.TicksPerDay,
                5 => TimeSpan.TicksPerHour,
                6 => TimeSpan.TicksPerMinute,
                7 => TimeSpan.TicksPerSecond,
                _ => 0,
            };
        }

        if (components == 0 || (inTime && componentsAfterT == 0))
        {
            return invalid;
        }

        if (nominal)
        {
            return $"'{text}' has years or months, which have no fixed length: {ExpectedForms} (e.g. P30D instead of P1M).";
        }

        ticks = Math.Round(negative ? -ticks : ticks, MidpointRounding.AwayFromZero);
        if (outOfRange || ticks < long.MinValue || ticks > long.MaxValue)
        {
            return $"'{text}' is out of the range of durations we can store (about ±29,000 years).";
        }

        value = TimeSpan.FromTicks((long)ticks);
        return null;
    }

    private static int IndexOfDesignator(char designator, bool inTime, int from)
    {
        var start = inTime ? Math.Max(from, TimeDesignatorsStart) : from;
        var end = inTime ? Designators.Length : TimeDesignatorsStart - 1;
        for (var i = start; i < end; i++)
        {
            if (Designators[i] == designator)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadNumber(string text, ref int position, out decimal number)
    {
        number = 0;
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            return false;
        }

        var integerDigits = position - start;
        var digits = text[start..position];
        if (position < text.Length && text[position] is '.' or ',')
        {
            var fractionStart = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == fractionStart)
            {
                return false;
            }

            // Digits beyond a tick are rounding noise, and would overflow decimal's 28 digits.
            digits = $"{digits}.{text[fractionStart..Math.Min(position, fractionStart + 12)]}";
        }

        if (integerDigits > 20)
        {
            // More digits than decimal arithmetic needs to see: certainly out of range, which the caller reports.
            number = decimal.MaxValue;
            return true;
        }

        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}

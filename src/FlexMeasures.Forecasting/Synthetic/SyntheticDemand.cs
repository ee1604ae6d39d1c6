namespace FlexMeasures.Forecasting.Synthetic;

/// <summary>
/// Electricity-demand-like test data: deterministic for a seed, with the features that make real
/// demand hard to forecast, so that beating a baseline on it means something.
/// </summary>
/// <remarks>
/// Value (kW) = <c>1000 · annual · trend · (1 + weather) · (shape + dayAmplitude · (shape − night)) · (1 + noise + white)</c>:
/// <list type="bullet">
/// <item><c>shape</c>: time-of-day profile in UTC hours (no daylight-saving shifts) — night low of about
/// 0.6, a morning peak around 08:00 and a higher evening peak around 18:45 on weekdays; on Saturdays and
/// Sundays the morning peak is later and lower and the whole day lower.</item>
/// <item><c>annual</c>: <c>1 + 0.12 · cos(2π (day of year − 15) / 365.25)</c>, highest mid-January;
/// <c>trend</c>: +3 % a year.</item>
/// <item><c>weather</c>: slow AR(1) per half hour, φ = 0.995 (half-life ≈ 2.9 days), stationary standard
/// deviation 5 % — multi-day, temperature-driven swings of the level.</item>
/// <item><c>dayAmplitude</c>: independent per day, standard deviation 6 % — day-to-day variation of
/// the peaks above the night level (cloudiness, occupancy).</item>
/// <item><c>noise</c>: fast AR(1) per half hour, φ = 0.85, stationary standard deviation 2.5 %;
/// <c>white</c>: independent, standard deviation 1 %.</item>
/// </list>
/// Random numbers come from <see cref="Random"/> with the given seed (Box–Muller normals).
/// </remarks>
public static class SyntheticDemand
{
    private const double BaseLoad = 1000;
    private const double AnnualAmplitude = 0.12;
    private const double TrendPerYear = 0.03;
    private const double WeatherPhi = 0.995;
    private const double WeatherSd = 0.05;
    private const double DayAmplitudeSd = 0.06;
    private const double NoisePhi = 0.85;
    private const double NoiseSd = 0.025;
    private const double WhiteSd = 0.01;

    /// <summary>Half-hourly demand for <paramref name="weeks"/> weeks from <paramref name="start"/> (UTC, on a half hour).</summary>
    public static Series HalfHourly(DateTime start, int weeks, int seed) => HalfHourly(start, weeks, seed, _ => false);

    /// <summary>
    /// As <see cref="HalfHourly(DateTime, int, int)"/> (the same random draws), with the days (UTC) that
    /// <paramref name="isHoliday"/> picks shaped like Sundays: the dips public holidays make in real demand.
    /// </summary>
    public static Series HalfHourly(DateTime start, int weeks, int seed, Func<DateOnly, bool> isHoliday)
    {
        ArgumentNullException.ThrowIfNull(isHoliday);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        var resolution = TimeSpan.FromMinutes(30);
        var count = weeks * 7 * 48;
        var values = new double?[count];
        var random = new Random(seed);
        var normal = new Normal(random);
        var weather = normal.Next() * WeatherSd;
        var noise = normal.Next() * NoiseSd;
        var dayAmplitude = 0.0;
        var day = DateTime.MinValue;
        for (var i = 0; i < count; i++)
        {
            var time = start + (i * resolution);
            if (time.Date != day)
            {
                day = time.Date;
                dayAmplitude = normal.Next() * DayAmplitudeSd;
            }

            weather = (WeatherPhi * weather) + (normal.Next() * WeatherSd * Math.Sqrt(1 - (WeatherPhi * WeatherPhi)));
            noise = (NoisePhi * noise) + (normal.Next() * NoiseSd * Math.Sqrt(1 - (NoisePhi * NoisePhi)));

            var (shape, night) = Shape(time, isHoliday(DateOnly.FromDateTime(time)));
            var annual = 1 + (AnnualAmplitude * Math.Cos(2 * Math.PI * (time.DayOfYear - 15) / 365.25));
            var trend = 1 + (TrendPerYear * (time - start).TotalDays / 365.25);
            var profile = shape + (dayAmplitude * (shape - night));
            values[i] = BaseLoad * annual * trend * (1 + weather) * profile * (1 + noise + (normal.Next() * WhiteSd));
        }

        return new Series(start, resolution, values);
    }

    private static (double Shape, double Night) Shape(DateTime time, bool holiday)
    {
        var hour = time.TimeOfDay.TotalHours;
        return (holiday ? DayOfWeek.Sunday : time.DayOfWeek) switch
        {
            DayOfWeek.Saturday => (0.95 * (0.6 + (0.18 * Bump(hour, 10, 2)) + (0.2 * Bump(hour, 13.5, 3)) + (0.42 * Bump(hour, 18.5, 2))), 0.95 * 0.6),
            DayOfWeek.Sunday => (0.92 * (0.6 + (0.12 * Bump(hour, 10.5, 2)) + (0.18 * Bump(hour, 13.5, 3)) + (0.4 * Bump(hour, 18.5, 2))), 0.92 * 0.6),
            _ => (0.6 + (0.35 * Bump(hour, 8, 1.5)) + (0.25 * Bump(hour, 13, 3)) + (0.5 * Bump(hour, 18.75, 2)), 0.6),
        };
    }

    /// <summary>A Gaussian bump on the 24-hour clock, so evening peaks fade past midnight smoothly.</summary>
    private static double Bump(double hour, double centre, double width)
    {
        var distance = Math.Abs(hour - centre);
        distance = Math.Min(distance, 24 - distance);
        return Math.Exp(-0.5 * distance * distance / (width * width));
    }

    private sealed class Normal(Random random)
    {
        private double? _spare;

        public double Next()
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }

            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            _spare = radius * Math.Sin(2 * Math.PI * u2);
            return radius * Math.Cos(2 * Math.PI * u2);
        }
    }
}

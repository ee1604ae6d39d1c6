namespace FlexMeasures.Forecasting.Tests;

internal static class TestSeries
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    /// <summary>Half-hourly values 0, 1, 2, … so a forecast's value names the event it was copied from.</summary>
    public static Series Counting(int count) => Series.FromValues(Start, HalfHour, Enumerable.Range(0, count).Select(i => (double)i));

    /// <summary>A copy where every event ending after <paramref name="cutoff"/> is changed (scaled, with some gaps).</summary>
    public static Series Scrambled(Series series, DateTime cutoff)
    {
        var values = series.Values.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (series.TimeAt(i + 1) > cutoff)
            {
                values[i] = i % 5 == 0 ? null : (values[i] * 7) + 1000;
            }
        }

        return series with { Values = values };
    }
}

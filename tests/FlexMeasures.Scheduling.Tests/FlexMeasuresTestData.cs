namespace FlexMeasures.Scheduling.Tests;

/// <summary>
/// The market prices of FlexMeasures' planning test fixtures (add_market_prices), per hour of each
/// Europe/Amsterdam day in January 2015 (UTC+1). Day 1 is the fixture's seeded random sine
/// (Python's random with seed 42), reproduced here as numbers.
/// </summary>
internal static class FlexMeasuresTestData
{
    internal static readonly double[] Day1ConsumptionPrices =
    [
        0.6394267984578837, 0.03148401500669048, 0.4125439775536789, 0.3810445647275101, 1.374273994786017,
        1.3303409989612758, 1.7843591354096908, 0.17091529637359196, 0.7873168339436719, 0.05086703536323349,
        0.32795696220540504, 0.636150861207784, 0.026535969683863632, 0.14737467980550156, 0.32494221888976177,
        0.15960966431884493, 0.029533443327409575, 0.02007874127427867, 0.0, 0.00022143986617584885,
        0.10795930888702622, 0.20448029457857794, 0.1701252582589958, 0.11523844413747857,
    ];

    internal static readonly double[] Day2Prices = [.. Repeat(100, 8), .. Repeat(90, 8), .. Repeat(100, 8)];

    internal static readonly double[] Day3ConsumptionPrices = [.. Repeat(-10, 8), .. Repeat(100, 16)];

    internal static readonly double[] Day3ProductionPrices = [.. Repeat(-50, 8), .. Repeat(60, 16)];

    /// <summary>Midnight of 2015-01-<paramref name="day"/> in Amsterdam, as UTC.</summary>
    internal static DateTime AmsterdamMidnight(int day) => new DateTime(2015, 1, day, 0, 0, 0, DateTimeKind.Utc).AddHours(-1);

    /// <summary>A day of hourly values at a finer resolution (each hour repeated).</summary>
    internal static double[] PerStep(double[] hourly, int stepsPerHour) =>
        hourly.SelectMany(value => Enumerable.Repeat(value, stepsPerHour)).ToArray();

    internal static double[] Repeat(double value, int count) => Enumerable.Repeat(value, count).ToArray();

    internal static double?[] Nulls(int count) => new double?[count];
}

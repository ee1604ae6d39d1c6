using System.Globalization;
using FlexMeasures.Data.Beliefs;

namespace FlexMeasures.Data.Tests.Beliefs;

public sealed class ResamplerTests
{
    private const string Amsterdam = "Europe/Amsterdam";
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TwentyMinutes = TimeSpan.FromMinutes(20);
    private static readonly DateTime GasStart = At("2021-05-02T00:00:00+02:00");
    private static readonly DateTime GasEnd = GasStart + TimeSpan.FromMinutes(80);

    private static DateTime At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;

    private static (DateTime EventStart, double Value)[] Series(DateTime start, TimeSpan step, params double[] values) =>
        values.Select((value, i) => (start + i * step, value)).ToArray();

    [Fact]
    public void Resample_AveragesTenMinuteFlowsIntoTwentyMinuteBins_ForTheGasSensor()
    {
        var events = Series(GasStart, TenMinutes, 91.3, 91.7, 92.1);

        var values = Resampler.Resample(events, TenMinutes, GasStart, GasEnd, TwentyMinutes, Amsterdam);

        AssertValues([91.5, 92.1, null, null], values);
    }

    [Fact]
    public void Resample_IgnoresMissingEvents_WhenAveraging()
    {
        (DateTime, double)[] events = [(GasStart, 91.3), (GasStart + TwentyMinutes, 92.1)];

        var values = Resampler.Resample(events, TenMinutes, GasStart, GasEnd, TwentyMinutes, Amsterdam);

        AssertValues([91.3, 92.1, null, null], values);
    }

    [Fact]
    public void Resample_TakesTheFirstValueInEachBin_ForAnInstantaneousSensor()
    {
        var events = Series(GasStart, TenMinutes, 815, 817, 818);

        var values = Resampler.Resample(events, TimeSpan.Zero, GasStart, GasEnd, TwentyMinutes, Amsterdam);

        AssertValues([815, 818, null, null], values);
    }

    [Fact]
    public void Resample_TakesTheEarliestValue_WhenInstantaneousEventsAreNotSorted()
    {
        var events = Series(GasStart, TenMinutes, 815, 817, 818).Reverse().ToArray();

        var values = Resampler.Resample(events, TimeSpan.Zero, GasStart, GasEnd, TwentyMinutes, Amsterdam);

        AssertValues([815, 818, null, null], values);
    }

    [Fact]
    public void Resample_GivesOnlyNulls_WhenTheWindowHasNoData()
    {
        var start = At("1921-05-02T00:00:00+02:00");
        var events = Series(GasStart, TenMinutes, 91.3, 91.7, 92.1);

        var values = Resampler.Resample(events, TenMinutes, start, start + TimeSpan.FromMinutes(80), TwentyMinutes, Amsterdam);

        AssertValues([null, null, null, null], values);
    }

    [Fact]
    public void Resample_AveragesPairs_WhenDownsamplingFiveMinuteValuesToTenMinutes()
    {
        var start = At("2021-06-09T00:00:00+02:00");
        var events = Series(start, TimeSpan.FromMinutes(5), 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200);

        var values = Resampler.Resample(events, TimeSpan.FromMinutes(5), start, start + TimeSpan.FromHours(1), TenMinutes, Amsterdam);

        AssertValues([150, 350, 550, 750, 950, 1150], values);
    }

    [Fact]
    public void Resample_RepeatsEachValue_WhenUpsamplingTwentyMinutesToTenMinutes()
    {
        var start = At("2021-06-07T00:00:00+02:00");
        var events = Series(start, TwentyMinutes, -11.28, -5, 3);

        var values = Resampler.Resample(events, TwentyMinutes, start, start + TimeSpan.FromHours(1), TenMinutes, Amsterdam);

        AssertValues([-11.28, -11.28, -5, -5, 3, 3], values);
    }

    [Fact]
    public void Resample_LeavesGapsAsNull_WhenUpsampling()
    {
        var start = At("2021-06-07T00:00:00Z");
        (DateTime, double)[] events = [(start, 1), (start + TimeSpan.FromHours(2), 3)];

        var values = Resampler.Resample(events, TimeSpan.FromHours(1), start, start + TimeSpan.FromHours(3), TimeSpan.FromMinutes(30), "UTC");

        AssertValues([1, 1, null, null, 3, 3], values);
    }

    [Fact]
    public void Resample_KeepsValues_WhenTargetResolutionIsTheEventResolution()
    {
        var events = Series(GasStart, TenMinutes, 1, 2, 4);

        var values = Resampler.Resample(events, TenMinutes, GasStart, GasStart + TimeSpan.FromMinutes(40), TenMinutes, Amsterdam);

        AssertValues([1, 2, 4, null], values);
    }

    [Fact]
    public void Resample_IgnoresEventsOutsideTheWindow()
    {
        var events = Series(GasStart - TimeSpan.FromHours(1), TenMinutes, Enumerable.Range(0, 18).Select(i => (double)i).ToArray());

        var values = Resampler.Resample(events, TenMinutes, GasStart, GasStart + TimeSpan.FromMinutes(40), TwentyMinutes, Amsterdam);

        AssertValues([6.5, 8.5], values);
    }

    [Fact]
    public void Resample_EndsWithAPartialBin_WhenTheWindowIsNotAMultipleOfTheTarget()
    {
        var events = Series(GasStart, TenMinutes, 1, 2, 3, 4, 5);

        var values = Resampler.Resample(events, TenMinutes, GasStart, GasStart + TimeSpan.FromMinutes(50), TwentyMinutes, Amsterdam);

        AssertValues([1.5, 3.5, 5], values);
    }

    [Fact]
    public void Resample_FollowsAmsterdamCalendarDays_WhenTheSpringForwardDayHas23Hours()
    {
        // Hourly values numbered 0, 1, 2, … from 2021-03-27 00:00 Amsterdam; 2021-03-28 has 23 hours.
        var start = At("2021-03-27T00:00:00+01:00");
        var end = At("2021-03-30T00:00:00+02:00");
        var hours = (int)(end - start).TotalHours;
        Assert.Equal(71, hours);
        var events = Series(start, TimeSpan.FromHours(1), Enumerable.Range(0, hours).Select(i => (double)i).ToArray());

        var values = Resampler.Resample(events, TimeSpan.FromHours(1), start, end, TimeSpan.FromDays(1), Amsterdam);

        // Means of 0..23, 24..46 and 47..70; 24-hour bins would give 11.5, 35.5 and 59.
        AssertValues([11.5, 35, 58.5], values);
    }

    [Fact]
    public void Resample_FollowsAmsterdamCalendarDays_WhenTheFallBackDayHas25Hours()
    {
        var start = At("2021-10-30T00:00:00+02:00");
        var end = At("2021-11-01T00:00:00+01:00");
        var events = Series(start, TimeSpan.FromHours(1), Enumerable.Range(0, 49).Select(i => (double)i).ToArray());

        var values = Resampler.Resample(events, TimeSpan.FromHours(1), start, end, TimeSpan.FromDays(1), Amsterdam);

        // Means of 0..23 and 24..48.
        AssertValues([11.5, 36], values);
    }

    [Fact]
    public void Resample_TakesTheFirstValueOfEachLocalDay_ForAnInstantaneousSensor()
    {
        var start = At("2021-03-27T00:00:00+01:00");
        var end = At("2021-03-30T00:00:00+02:00");
        var events = Series(start, TimeSpan.FromHours(1), Enumerable.Range(0, 71).Select(i => (double)i).ToArray());

        var values = Resampler.Resample(events, TimeSpan.Zero, start, end, TimeSpan.FromDays(1), Amsterdam);

        AssertValues([0, 24, 47], values);
    }

    [Fact]
    public void Resample_UsesUtcDays_WhenTheTimezoneIsUtc()
    {
        var start = At("2021-03-27T00:00:00Z");
        var events = Series(start, TimeSpan.FromHours(1), Enumerable.Range(0, 72).Select(i => (double)i).ToArray());

        var values = Resampler.Resample(events, TimeSpan.FromHours(1), start, start + TimeSpan.FromDays(3), TimeSpan.FromDays(1), "UTC");

        AssertValues([11.5, 35.5, 59.5], values);
    }

    [Fact]
    public void BinStarts_AreLocalMidnights_ForWeeklyBinsAcrossDaylightSavingChange()
    {
        var start = At("2021-03-22T00:00:00+01:00");
        var end = At("2021-04-05T00:00:00+02:00");

        var starts = Resampler.BinStarts(start, end, TimeSpan.FromDays(7), Amsterdam);

        Assert.Equal([start, At("2021-03-29T00:00:00+02:00")], starts);
    }

    [Fact]
    public void BinStarts_StepByTheTargetResolution_WhenItIsNotWholeDays()
    {
        var starts = Resampler.BinStarts(GasStart, GasEnd, TwentyMinutes, Amsterdam);

        Assert.Equal([GasStart, GasStart + TwentyMinutes, GasStart + 2 * TwentyMinutes, GasStart + 3 * TwentyMinutes], starts);
    }

    [Fact]
    public void BinStarts_StepByAbsoluteHours_WhenTargetIs24HoursButNotWholeDays()
    {
        var start = At("2021-03-27T00:00:00+01:00");

        var starts = Resampler.BinStarts(start, start + TimeSpan.FromHours(50), TimeSpan.FromHours(25), Amsterdam);

        Assert.Equal([start, start + TimeSpan.FromHours(25)], starts);
    }

    [Fact]
    public void Resample_ReturnsEmpty_WhenTheWindowIsEmpty()
    {
        Assert.Empty(Resampler.Resample([(GasStart, 1)], TenMinutes, GasStart, GasStart, TwentyMinutes, Amsterdam));
    }

    [Fact]
    public void Resample_Throws_WhenTheWindowEndsBeforeItStarts()
    {
        Assert.Throws<ArgumentException>(() => Resampler.Resample([], TenMinutes, GasEnd, GasStart, TwentyMinutes, Amsterdam));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Resample_Throws_WhenTargetResolutionIsNotPositive(int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Resampler.Resample([], TenMinutes, GasStart, GasEnd, TimeSpan.FromMinutes(minutes), Amsterdam));
    }

    [Fact]
    public void Resample_ThrowsNamingTheZone_WhenTimezoneIsUnknown()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            Resampler.Resample([], TenMinutes, GasStart, GasEnd, TwentyMinutes, "Mars/Olympus_Mons"));

        Assert.Contains("Mars/Olympus_Mons", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:30:00", "00:05:00")]
    [InlineData("08:00:00", "00:05:00")]
    [InlineData("08:00:01", "00:15:00")]
    [InlineData("2.00:00:00", "00:15:00")]
    [InlineData("2.00:00:01", "01:00:00")]
    [InlineData("14.00:00:00", "01:00:00")]
    [InlineData("14.00:01:00", "1.00:00:00")]
    [InlineData("112.00:00:00", "1.00:00:00")]
    [InlineData("112.00:00:01", "7.00:00:00")]
    [InlineData("365.00:00:00", "7.00:00:00")]
    public void DefaultInstantaneousResolution_GrowsWithTheWindow(string window, string expected)
    {
        var resolution = Resampler.DefaultInstantaneousResolution(TimeSpan.Parse(window, CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.Parse(expected, CultureInfo.InvariantCulture), resolution);
    }

    [Theory]
    [InlineData("2023-04-10T03:00:00Z", "02:00:00", "UTC", "2023-04-10T02:00:00Z")]
    [InlineData("2023-04-10T03:00:00Z", "02:00:00", Amsterdam, "2023-04-10T04:00:00+02:00")]
    [InlineData("2023-03-26T05:00:00+02:00", "02:00:00", Amsterdam, "2023-03-26T05:00:00+02:00")]
    [InlineData("2023-04-10T13:30:00Z", "1.00:00:00", Amsterdam, "2023-04-10T00:00:00+02:00")]
    [InlineData("2023-04-10T00:45:00Z", "00:15:00", "UTC", "2023-04-10T00:45:00Z")]
    [InlineData("2023-04-10T00:50:00Z", "00:15:00", "UTC", "2023-04-10T00:45:00Z")]
    public void DayAlignedStart_CountsBinsFromMidnight_AsPandasDoes(string start, string resolution, string timezone, string expected)
    {
        var aligned = Resampler.DayAlignedStart(At(start), TimeSpan.Parse(resolution, CultureInfo.InvariantCulture), timezone);

        Assert.Equal(At(expected), aligned);
    }

    private static void AssertValues(double?[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is null)
            {
                Assert.True(actual[i] is null, $"Bin {i}: expected null, got {actual[i]}.");
            }
            else
            {
                Assert.True(actual[i] is { } value && Math.Abs(value - expected[i]!.Value) < 1e-9, $"Bin {i}: expected {expected[i]}, got {actual[i]}.");
            }
        }
    }
}

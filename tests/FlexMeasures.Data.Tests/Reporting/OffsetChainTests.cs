using System.Globalization;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Reporting;

public sealed class OffsetChainTests
{
    [Theory]
    [InlineData("2025-03-30T10:20:30Z", "DB", "Europe/Amsterdam", "2025-03-29T23:00:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "DB,-1D", "Europe/Amsterdam", "2025-03-28T23:00:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "HB", "UTC", "2025-03-30T10:00:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "HB, -2h, 15min", "UTC", "2025-03-30T08:15:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "-30s", "UTC", "2025-03-30T10:20:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "db,1D", "UTC", "2025-03-31T00:00:00Z")]
    [InlineData("2025-03-30T10:20:30Z", "", "UTC", "2025-03-30T10:20:30Z")]
    public void Apply_MovesTheInstant_StepByStep(string instant, string chain, string zone, string expected)
    {
        var result = OffsetChain.Apply(Utc(instant), chain, zone, "--start-offset");

        Assert.Equal(Utc(expected), result);
    }

    [Theory]
    [InlineData("DB,-1W", "'-1W' is not an offset; use DB (day begin), HB (hour begin) or a number with D, h, min or s, e.g. DB,-1D")]
    [InlineData("yesterday", "'yesterday' is not an offset; use DB (day begin), HB (hour begin) or a number with D, h, min or s, e.g. DB,-1D")]
    public void Apply_NamesTheStep_WhenItIsNotAnOffset(string chain, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => OffsetChain.Apply(Utc("2025-01-01T00:00:00Z"), chain, "UTC", "--end-offset"));

        Assert.Equal(("--end-offset", message), (error.Field, error.Message));
    }

    private static DateTime Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;
}

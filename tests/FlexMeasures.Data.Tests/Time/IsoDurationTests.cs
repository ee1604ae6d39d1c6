using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Tests.Time;

public sealed class IsoDurationTests
{
    public static TheoryData<string, TimeSpan> ValidDurations => new()
    {
        { "PT15M", TimeSpan.FromMinutes(15) },
        { "PT2H", TimeSpan.FromHours(2) },
        { "P0DT2H0M0S", TimeSpan.FromHours(2) },
        { "P1D", TimeSpan.FromDays(1) },
        { "PT0H", TimeSpan.Zero },
        { "P0D", TimeSpan.Zero },
        { "PT0S", TimeSpan.Zero },
        { "P1W", TimeSpan.FromDays(7) },
        { "P2W1D", TimeSpan.FromDays(15) },
        { "-PT1H", TimeSpan.FromHours(-1) },
        { "+PT1H", TimeSpan.FromHours(1) },
        { "-P1DT30M", -(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(30)) },
        { "PT1H20M", TimeSpan.FromMinutes(80) },
        { "PT25M", TimeSpan.FromMinutes(25) },
        { "PT0.5S", TimeSpan.FromMilliseconds(500) },
        { "PT0,25S", TimeSpan.FromMilliseconds(250) },
        { "PT1.0000001S", TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1) },
        { "PT1.5H", TimeSpan.FromMinutes(90) },
        { "P0.5D", TimeSpan.FromHours(12) },
        { "PT36H", TimeSpan.FromHours(36) },
        { "PT90M", TimeSpan.FromMinutes(90) },
        { "P0Y0M1D", TimeSpan.FromDays(1) },
        { "P1DT2H3M4S", new TimeSpan(1, 2, 3, 4) },
        { "P10000D", TimeSpan.FromDays(10000) },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void Parse_ReturnsDuration_WhenTextIsAnIsoDuration(string text, TimeSpan expected)
    {
        Assert.Equal(expected, IsoDuration.Parse(text));
    }

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void TryParse_ReturnsTrueAndDuration_WhenTextIsAnIsoDuration(string text, TimeSpan expected)
    {
        Assert.True(IsoDuration.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1Y2M3D")]
    [InlineData("-P2M")]
    [InlineData("P0.5Y")]
    public void Parse_ThrowsSayingNominalDurationsAreUnsupported_WhenYearsOrMonthsAreGiven(string text)
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("years or months", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("T1H")]
    [InlineData("1H")]
    [InlineData("PT1H ")]
    [InlineData(" PT1H")]
    [InlineData("pt1h")]
    [InlineData("PT1")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1M1H")]
    [InlineData("P1DT")]
    [InlineData("PT-1H")]
    [InlineData("--PT1H")]
    [InlineData("PT1.H")]
    [InlineData("PT.5S")]
    [InlineData("PT1H1H")]
    [InlineData("15 minutes")]
    [InlineData("00:15:00")]
    public void Parse_ThrowsQuotingTextAndExpectedForm_WhenTextIsNotAnIsoDuration(string text)
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PT15M", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P99999999999999999999D")]
    [InlineData("PT9999999999999999H")]
    public void Parse_ThrowsSayingOutOfRange_WhenDurationDoesNotFitATimeSpan(string text)
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("range", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("garbage")]
    [InlineData("")]
    public void TryParse_ReturnsFalse_WhenTextIsNotAFixedIsoDuration(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void TryParse_ReturnsFalse_WhenTextIsNull()
    {
        Assert.False(IsoDuration.TryParse(null, out _));
    }

    [Fact]
    public void Parse_ThrowsArgumentNull_WhenTextIsNull()
    {
        Assert.Throws<ArgumentNullException>(() => IsoDuration.Parse(null!));
    }

    public static TheoryData<TimeSpan, string> Formats => new()
    {
        { TimeSpan.Zero, "P0D" },
        { TimeSpan.FromMinutes(15), "PT15M" },
        { TimeSpan.FromHours(1), "PT1H" },
        { TimeSpan.FromDays(1), "P1D" },
        { TimeSpan.FromDays(7), "P7D" },
        { new TimeSpan(1, 2, 0, 0), "P1DT2H" },
        { TimeSpan.FromHours(-1), "-PT1H" },
        { -new TimeSpan(1, 0, 30, 0), "-P1DT30M" },
        { TimeSpan.FromMinutes(80), "PT1H20M" },
        { new TimeSpan(0, 0, 4, 10), "PT4M10S" },
        { new TimeSpan(2, 3, 4, 5), "P2DT3H4M5S" },
        { TimeSpan.FromMilliseconds(1500), "PT1.5S" },
        { TimeSpan.FromTicks(1), "PT0.0000001S" },
        { TimeSpan.FromHours(36), "P1DT12H" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Format_WritesShortestIsodateForm(TimeSpan value, string expected)
    {
        Assert.Equal(expected, IsoDuration.Format(value));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Parse_ReadsBackWhatFormatWrites(TimeSpan value, string _)
    {
        Assert.Equal(value, IsoDuration.Parse(IsoDuration.Format(value)));
    }

    [Fact]
    public void Format_DoesNotOverflow_WhenValueIsMinValue()
    {
        var text = IsoDuration.Format(TimeSpan.MinValue);

        Assert.StartsWith("-P", text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.MinValue, IsoDuration.Parse(text));
    }
}

using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Tests.Time;

public sealed class ZonedTimeTests
{
    private static readonly TimeZoneInfo Amsterdam = ZonedTime.Find("Europe/Amsterdam")!;

    [Theory]
    [InlineData(2021, 1, 15, 12, 30, 11, 30)]
    [InlineData(2021, 7, 15, 12, 30, 10, 30)]
    [InlineData(2018, 3, 25, 1, 59, 0, 59)]
    [InlineData(2018, 3, 25, 3, 0, 1, 0)]
    public void ToUtc_SubtractsTheOffsetInForce_WhenTheWallClockTimeIsUnique(int year, int month, int day, int hour, int minute, int utcHour, int utcMinute)
    {
        var utc = ZonedTime.ToUtc(new DateTime(year, month, day, hour, minute, 0), Amsterdam);

        Assert.Equal(new DateTime(year, month, day, utcHour, utcMinute, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void ToUtc_ReadsASkippedTimeWithTheOffsetBeforeTheGap()
    {
        Assert.Equal(new DateTime(2018, 3, 25, 1, 30, 0, DateTimeKind.Utc), ZonedTime.ToUtc(new DateTime(2018, 3, 25, 2, 30, 0), Amsterdam));
    }

    [Fact]
    public void ToUtc_TakesStandardTime_WhenTheWallClockTimeHappensTwice()
    {
        Assert.Equal(new DateTime(2018, 10, 28, 1, 30, 0, DateTimeKind.Utc), ZonedTime.ToUtc(new DateTime(2018, 10, 28, 2, 30, 0), Amsterdam));
    }

    [Theory]
    [InlineData(AmbiguousLocalTime.Earliest, 0)]
    [InlineData(AmbiguousLocalTime.Latest, 1)]
    public void ToUtc_TakesTheChosenOccurrence_WhenTheWallClockTimeHappensTwice(AmbiguousLocalTime choice, int utcHour)
    {
        var utc = ZonedTime.ToUtc(new DateTime(2018, 10, 28, 2, 30, 0), Amsterdam, choice, NonexistentLocalTime.Error, out var problem);

        Assert.Null(problem);
        Assert.Equal(new DateTime(2018, 10, 28, utcHour, 30, 0, DateTimeKind.Utc), utc);
    }

    [Theory]
    [InlineData(2018, 10, 28, "happens twice in Europe/Amsterdam")]
    [InlineData(2018, 3, 25, "does not exist in Europe/Amsterdam")]
    public void ToUtc_SaysWhy_WhenTheTimeIsAmbiguousOrSkippedAndNothingIsChosen(int year, int month, int day, string problem)
    {
        var utc = ZonedTime.ToUtc(new DateTime(year, month, day, 2, 30, 0), Amsterdam, AmbiguousLocalTime.Error, NonexistentLocalTime.Error, out var why);

        Assert.Null(utc);
        Assert.StartsWith(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtc_ShiftsASkippedTimeForwardByTheGap_WhenChosen()
    {
        var utc = ZonedTime.ToUtc(new DateTime(2018, 3, 25, 2, 30, 0), Amsterdam, AmbiguousLocalTime.Error, NonexistentLocalTime.ShiftForward, out _);

        Assert.Equal(new DateTime(2018, 3, 25, 1, 30, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void ToWallClock_GivesLocalTimeWithUnspecifiedKind()
    {
        var local = ZonedTime.ToWallClock(new DateTime(2021, 3, 28, 16, 0, 0, DateTimeKind.Utc), ZonedTime.Find("Europe/Paris")!);

        Assert.Equal(new DateTime(2021, 3, 28, 18, 0, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Theory]
    [InlineData("Nowhere/Special")]
    [InlineData("")]
    [InlineData(" ")]
    public void Find_ReturnsNull_WhenTheZoneIsUnknown(string id)
    {
        Assert.Null(ZonedTime.Find(id));
    }

    [Fact]
    public void AsUtc_Throws_WhenTheTimeIsMachineLocal()
    {
        Assert.Throws<ArgumentException>(() => ZonedTime.AsUtc(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Local), "value"));
    }
}

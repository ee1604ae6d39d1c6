using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Data.Tests.Sensors;

/// <summary>FlexMeasures' staleness rules (<c>get_statuses</c>) and its words for durations (<c>humanize.precisedelta</c>).</summary>
public sealed class SensorStatusTests
{
    private static readonly DateTime Now = new(2024, 1, 15, 16, 30, 0, DateTimeKind.Utc);
    private static readonly SensorStatusSpecs QuarterHourly = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(-12));

    [Theory]
    [InlineData(0, "0 seconds")]
    [InlineData(30, "30 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(20 * 60, "20 minutes")]
    [InlineData(2 * 3600, "2 hours")]
    [InlineData(-12 * 3600, "12 hours")]
    [InlineData(26 * 3600 + 3 * 60, "1 day, 2 hours and 3 minutes")]
    [InlineData(3600 + 1, "1 hour and 1 second")]
    [InlineData(400 * 86400, "1 year, 1 month, 4 days and 12 hours")]
    [InlineData(31 * 86400, "1 month and 12 hours")]
    public void Words_WritesDurationsAsPrecisedelta(long seconds, string expected) =>
        Assert.Equal(expected, SensorStatus.Words(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Words_KeepsTwoDecimals_WhenSecondsHaveAFraction() =>
        Assert.Equal("1 minute and 1.50 seconds", SensorStatus.Words(TimeSpan.FromMilliseconds(61_500)));

    public static TheoryData<string, int, bool, string> Cases() => new()
    {
        // Measurements: known at the event's end (ex post); stale once known longer ago than the spec allows.
        { "user", -45, false, "most recent data is 30 minutes old, which is not more than 30 minutes old" },
        { "user", -60, true, "most recent data is 45 minutes old, but should not be more than 30 minutes old" },

        // Forecasts: the latest event must lie at least 12 hours ahead.
        { "forecaster", 13 * 60, false, "most recent data is 13 hours in the future, which is not less than 12 hours in the future" },
        { "scheduler", 2 * 60, true, "most recent data is 2 hours in the future, but should be more than 12 hours in the future" },
        { "forecaster", -60, true, "Found no future data which this source should have" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_JudgesEachSourceTypeAsFlexMeasures(string type, int latestEventMinutes, bool stale, string reason)
    {
        var latest = Now.AddMinutes(latestEventMinutes);

        var status = Assert.Single(SensorStatus.Evaluate(new Dictionary<string, DateTime> { [type] = latest }, start => start.AddMinutes(15), QuarterHourly, Now));

        Assert.Equal((type, stale, reason), (status.SourceType, status.Stale, status.Reason));
    }

    [Fact]
    public void Evaluate_SaysNoDataRecorded_WhenNoSourceStoredAnything()
    {
        var status = Assert.Single(SensorStatus.Evaluate(new Dictionary<string, DateTime>(), start => start, QuarterHourly, Now));

        Assert.Equal(new SensorStatus(null, true, null, "no data recorded", null), status);
    }

    [Fact]
    public void Evaluate_ListsSourceTypesInFlexMeasuresOrder()
    {
        var latest = new Dictionary<string, DateTime> { ["gateway"] = Now, ["forecaster"] = Now.AddDays(1), ["user"] = Now };

        var statuses = SensorStatus.Evaluate(latest, start => start, QuarterHourly, Now);

        Assert.Equal(["user", "forecaster", "gateway"], statuses.Select(s => s.SourceType));
    }

    [Theory]
    [InlineData("{}", "ex_post", 60, 120, -720)]
    [InlineData("{}", "x_days_ago_at_y_oclock", 60, 1440, -720)]
    [InlineData("""{"status_specs": {"max_staleness": "PT3H", "max_future_staleness": "-PT1H"}}""", "ex_post", 15, 180, -60)]
    [InlineData("""{"status_specs": {"max_staleness": 3}}""", "ex_post", 15, 30, -720)]
    public void Specs_FollowTheSensor(string attributes, string knowledgeHorizon, int resolutionMinutes, int maxMinutes, int maxFutureMinutes)
    {
        var sensor = new Sensor { Name = "s", Attributes = attributes, KnowledgeHorizonFnc = knowledgeHorizon, EventResolution = TimeSpan.FromMinutes(resolutionMinutes) };

        var specs = SensorStatusSpecs.Of(sensor);

        Assert.Equal(new SensorStatusSpecs(TimeSpan.FromMinutes(maxMinutes), TimeSpan.FromMinutes(maxFutureMinutes)), specs);
    }
}

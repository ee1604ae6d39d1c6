using FlexMeasures.Data.Beliefs;

namespace FlexMeasures.Data.Tests.Beliefs;

public sealed class KnowledgeHorizonsTests
{
    private const string EpexParameters = """{"x": 1, "y": 12, "z": "Europe/Paris"}""";
    private const string AmsterdamNoon = """{"x": 1, "y": 12, "z": "Europe/Amsterdam"}""";
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateTime FromOffset(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

    [Fact]
    public void KnowledgeTime_IsNoonTheDayBeforeInParis_ForTheEpexDayAheadSensor()
    {
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime(
            "x_days_ago_at_y_oclock", EpexParameters, FromOffset("2021-03-28T17:00:00+01:00"), Hour);

        Assert.Equal(Utc(2021, 3, 27, 11), knowledgeTime);
        Assert.Equal(DateTimeKind.Utc, knowledgeTime.Kind);
    }

    [Fact]
    public void BeliefTime_IsTwoHoursBeforeKnowledgeTime_ForTheEpexBeliefWithHorizonTwoHours()
    {
        var beliefTime = KnowledgeHorizons.BeliefTime(
            "x_days_ago_at_y_oclock", EpexParameters, FromOffset("2021-03-28T17:00:00+01:00"), Hour, TimeSpan.FromHours(2));

        Assert.Equal(Utc(2021, 3, 27, 9), beliefTime);
    }

    [Fact]
    public void KnowledgeHorizon_IsEventStartMinusKnowledgeTime_ForTheEpexSensor()
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon(
            "x_days_ago_at_y_oclock", EpexParameters, FromOffset("2021-03-28T17:00:00+01:00"), Hour);

        Assert.Equal(TimeSpan.FromHours(29), horizon);
    }

    [Fact]
    public void BeliefHorizon_InvertsBeliefTime_ForTheEpexSensor()
    {
        var horizon = KnowledgeHorizons.BeliefHorizon(
            "x_days_ago_at_y_oclock", EpexParameters, FromOffset("2021-03-28T17:00:00+01:00"), Hour, Utc(2021, 3, 27, 9));

        Assert.Equal(TimeSpan.FromHours(2), horizon);
    }

    [Fact]
    public void KnowledgeTime_IsTheEventEnd_ForDefaultExPostOnAFifteenMinuteSensor()
    {
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime("ex_post", """{"ex_post_horizon": "P0D"}""", Utc(2021, 5, 2, 10), FifteenMinutes);

        Assert.Equal(Utc(2021, 5, 2, 10, 15), knowledgeTime);
        Assert.Equal(-FifteenMinutes, KnowledgeHorizons.KnowledgeHorizon("ex_post", """{"ex_post_horizon": "P0D"}""", Utc(2021, 5, 2, 10), FifteenMinutes));
    }

    [Theory]
    [InlineData(0, 10, 15)]
    [InlineData(-1, 11, 15)]
    [InlineData(1, 9, 15)]
    public void BeliefTime_FollowsTheSemanticsCases_ForDefaultExPost(int horizonHours, int hour, int minute)
    {
        var beliefTime = KnowledgeHorizons.BeliefTime(
            "ex_post", """{"ex_post_horizon": "P0D"}""", Utc(2021, 5, 2, 10), FifteenMinutes, TimeSpan.FromHours(horizonHours));

        Assert.Equal(Utc(2021, 5, 2, hour, minute), beliefTime);
    }

    [Theory]
    [InlineData(10, 15, 0)]
    [InlineData(11, 15, -1)]
    [InlineData(9, 15, 1)]
    public void BeliefHorizon_FollowsTheSemanticsCases_ForDefaultExPost(int hour, int minute, int expectedHours)
    {
        var horizon = KnowledgeHorizons.BeliefHorizon(
            "ex_post", """{"ex_post_horizon": "P0D"}""", Utc(2021, 5, 2, 10), FifteenMinutes, Utc(2021, 5, 2, hour, minute));

        Assert.Equal(TimeSpan.FromHours(expectedHours), horizon);
    }

    [Fact]
    public void KnowledgeHorizon_IsMinusResolutionMinusExPostHorizon_WhenExPostHorizonIsNegative()
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon("ex_post", """{"ex_post_horizon": "-PT5M"}""", Utc(2021, 5, 2, 10), FifteenMinutes);

        Assert.Equal(TimeSpan.FromMinutes(-10), horizon);
    }

    [Fact]
    public void KnowledgeHorizon_IsMinusResolution_ForAnInstantaneousExPostSensor()
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon("ex_post", """{"ex_post_horizon": "PT1H"}""", Utc(2021, 5, 2, 10), TimeSpan.Zero);

        Assert.Equal(-Hour, horizon);
    }

    [Theory]
    [InlineData("PT1H", 1)]
    [InlineData("PT0H", 0)]
    [InlineData("P1D", 24)]
    [InlineData("-PT2H", -2)]
    public void KnowledgeHorizon_IsTheExAnteHorizon_WhatEverTheEventAndResolution(string exAnte, int hours)
    {
        var parameters = $$"""{"ex_ante_horizon": "{{exAnte}}"}""";

        Assert.Equal(TimeSpan.FromHours(hours), KnowledgeHorizons.KnowledgeHorizon("ex_ante", parameters, Utc(2021, 5, 2, 10), FifteenMinutes));
        Assert.Equal(Utc(2021, 5, 2, 10) - TimeSpan.FromHours(hours), KnowledgeHorizons.KnowledgeTime("ex_ante", parameters, Utc(2021, 5, 2, 10), Hour));
    }

    /// <summary>timely-beliefs' own DST cases for x=1, y=12 in Europe/Amsterdam (2018-03-25 and 2018-10-28 switch).</summary>
    [Theory]
    [InlineData("2018-03-25T00:00:00Z", 13)]
    [InlineData("2018-03-25T06:00:00Z", 19)]
    [InlineData("2018-03-26T00:00:00Z", 14)]
    [InlineData("2018-10-28T00:00:00Z", 14)]
    [InlineData("2018-10-28T06:00:00Z", 20)]
    [InlineData("2018-10-29T00:00:00Z", 13)]
    public void KnowledgeHorizon_FollowsAmsterdamClock_AroundDaylightSavingChanges(string eventStart, int hours)
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon("x_days_ago_at_y_oclock", AmsterdamNoon, FromOffset(eventStart), Hour);

        Assert.Equal(TimeSpan.FromHours(hours), horizon);
    }

    [Fact]
    public void KnowledgeTime_IsNoonOnTheWallClock_WhenThePreviousDayHadTheSpringForwardChange()
    {
        // Midnight of 2021-03-28 was CET, noon CEST: noon is 10:00 UTC, not 11:00 (midnight + 12 absolute hours).
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime("x_days_ago_at_y_oclock", AmsterdamNoon, FromOffset("2021-03-29T00:00:00+02:00"), Hour);

        Assert.Equal(Utc(2021, 3, 28, 10), knowledgeTime);
    }

    [Fact]
    public void KnowledgeTime_IsNoonOnTheWallClock_WhenThePreviousDayHadTheFallBackChange()
    {
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime("x_days_ago_at_y_oclock", AmsterdamNoon, FromOffset("2021-11-01T00:00:00+01:00"), Hour);

        Assert.Equal(Utc(2021, 10, 31, 11), knowledgeTime);
    }

    [Fact]
    public void KnowledgeTime_TakesTheStandardOffset_WhenYOclockFallsInTheSpringForwardGap()
    {
        // 02:30 does not exist on 2018-03-25 in Amsterdam; like pytz's localize(is_dst=False) it is read as 02:30+01:00.
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime(
            "x_days_ago_at_y_oclock", """{"x": 0, "y": 2.5, "z": "Europe/Amsterdam"}""", Utc(2018, 3, 25, 12), Hour);

        Assert.Equal(Utc(2018, 3, 25, 1, 30), knowledgeTime);
    }

    [Fact]
    public void KnowledgeTime_TakesTheStandardOffset_WhenYOclockHappensTwiceOnFallBackDay()
    {
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime(
            "x_days_ago_at_y_oclock", """{"x": 0, "y": 2.5, "z": "Europe/Amsterdam"}""", Utc(2018, 10, 28, 12), Hour);

        Assert.Equal(Utc(2018, 10, 28, 1, 30), knowledgeTime);
    }

    [Theory]
    [InlineData("""{"x": 1, "y": 12.5, "z": "UTC"}""", "2021-06-01T12:30:00Z")]
    [InlineData("""{"x": 0, "y": 0, "z": "UTC"}""", "2021-06-02T00:00:00Z")]
    [InlineData("""{"x": 2, "y": 23.75, "z": "UTC"}""", "2021-05-31T23:45:00Z")]
    [InlineData("""{"x": 1, "y": 12, "z": "Asia/Seoul"}""", "2021-06-01T03:00:00Z")]
    [InlineData("""{"x": 1, "y": 12, "z": "America/New_York"}""", "2021-06-01T16:00:00Z")]
    public void KnowledgeTime_IsXDaysBeforeAtYOclock_InTheZone(string parameters, string expected)
    {
        var knowledgeTime = KnowledgeHorizons.KnowledgeTime("x_days_ago_at_y_oclock", parameters, Utc(2021, 6, 2, 10), Hour);

        Assert.Equal(FromOffset(expected), knowledgeTime);
    }

    [Fact]
    public void KnowledgeHorizon_AcceptsTheTypoAlias_OfXDaysAgoAtYOclock()
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon("x_days_ago_at_y_o_clock", EpexParameters, FromOffset("2021-03-28T17:00:00+01:00"), Hour);

        Assert.Equal(TimeSpan.FromHours(29), horizon);
    }

    [Theory]
    [InlineData("2020-11-19T00:00:00Z", -24)]
    [InlineData("2020-11-20T00:00:00Z", 0)]
    [InlineData("2020-11-21T00:00:00Z", 24)]
    public void KnowledgeHorizon_CountsFromTheFixedDate_ForAtDate(string eventStart, int hours)
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon(
            "at_date", """{"knowledge_time": "2020-11-20T00:00:00+00:00"}""", FromOffset(eventStart), Hour);

        Assert.Equal(TimeSpan.FromHours(hours), horizon);
    }

    [Theory]
    [InlineData("2021-01-01T00:00:00+00:00")]
    [InlineData("2021-01-01T01:00:00+01:00")]
    [InlineData("2021-01-01T00:00:00Z")]
    [InlineData("2021-01-01T00:00:00.000+00:00")]
    public void KnowledgeTime_IsTheFixedDateInUtc_ForAtDate(string knowledgeTime)
    {
        var parameters = $$"""{"knowledge_time": "{{knowledgeTime}}"}""";

        Assert.Equal(Utc(2021, 1, 1, 0), KnowledgeHorizons.KnowledgeTime("at_date", parameters, Utc(2021, 6, 1, 0), Hour));
        Assert.Equal(Utc(2021, 1, 1, 0), KnowledgeHorizons.KnowledgeTime("at_date", parameters, Utc(2019, 6, 1, 0), Hour));
    }

    /// <summary>timely-beliefs' own cases for x_years_ago_at_date with 20 November in UTC.</summary>
    [Theory]
    [InlineData("2024-11-19T01:00:00Z", 1, 365, 1)]
    [InlineData("2025-11-19T02:00:00Z", 1, 364, 2)]
    [InlineData("2022-11-19T02:00:00Z", 1, 364, 2)]
    [InlineData("2021-11-21T03:00:00Z", 1, 366, 3)]
    [InlineData("2021-11-21T04:00:00Z", 1, 366, 4)]
    [InlineData("2020-11-21T04:00:00Z", 1, 367, 4)]
    [InlineData("2024-11-19T01:00:00Z", 2, 730, 1)]
    public void KnowledgeHorizon_CountsFromTheDateXYearsAgo_ForXYearsAgoAtDate(string eventStart, int x, int days, int hours)
    {
        var parameters = $$"""{"x": {{x}}, "day": 20, "month": 11, "z": "UTC"}""";

        var horizon = KnowledgeHorizons.KnowledgeHorizon("x_years_ago_at_date", parameters, FromOffset(eventStart), Hour);

        Assert.Equal(new TimeSpan(days, hours, 0, 0), horizon);
    }

    [Theory]
    [InlineData("2024-03-28T00:00:00+01:00", 366, 1)]
    [InlineData("2024-04-01T00:00:00+02:00", 370, 0)]
    public void KnowledgeHorizon_UsesLocalMidnight_ForXYearsAgoAtDateInAmsterdam(string eventStart, int days, int hours)
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon(
            "x_years_ago_at_date", """{"x": 1, "day": 28, "month": 3, "z": "Europe/Amsterdam"}""", FromOffset(eventStart), Hour);

        Assert.Equal(new TimeSpan(days, hours, 0, 0), horizon);
    }

    [Fact]
    public void KnowledgeHorizon_UsesTheLocalYear_ForXYearsAgoAtDate()
    {
        // 2024-12-31T23:30 UTC is already 2025 in Amsterdam, so the reference is 2024-01-01 local midnight.
        var horizon = KnowledgeHorizons.KnowledgeHorizon(
            "x_years_ago_at_date", """{"x": 1, "day": 1, "month": 1, "z": "Europe/Amsterdam"}""", Utc(2024, 12, 31, 23, 30), Hour);

        Assert.Equal(Utc(2024, 12, 31, 23, 30) - Utc(2023, 12, 31, 23), horizon);
    }

    [Fact]
    public void KnowledgeHorizon_Throws_WhenTheDateXYearsAgoDoesNotExist()
    {
        var exception = Assert.Throws<ArgumentException>(() => KnowledgeHorizons.KnowledgeHorizon(
            "x_years_ago_at_date", """{"x": 1, "day": 29, "month": 2, "z": "UTC"}""", Utc(2026, 6, 1, 0), Hour));

        Assert.Contains("2025", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeHorizon_WorksOnLeapDay_WhenTheYearXYearsAgoIsALeapYear()
    {
        var horizon = KnowledgeHorizons.KnowledgeHorizon(
            "x_years_ago_at_date", """{"x": 1, "day": 29, "month": 2, "z": "UTC"}""", Utc(2025, 2, 28, 0), Hour);

        Assert.Equal(TimeSpan.FromDays(365), horizon);
    }

    [Fact]
    public void Functions_ListsEveryTimelyBeliefsKnowledgeHorizonFunction()
    {
        Assert.Equal(
            ["at_date", "ex_ante", "ex_post", "x_days_ago_at_y_o_clock", "x_days_ago_at_y_oclock", "x_years_ago_at_date"],
            KnowledgeHorizons.Functions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ex_post", """{"ex_post_horizon": "P0D"}""")]
    [InlineData("ex_post", """{"ex_post_horizon": "PT0H"}""")]
    [InlineData("ex_ante", """{"ex_ante_horizon": "PT1H"}""")]
    [InlineData("at_date", """{"knowledge_time": "2021-01-01T00:00:00+00:00"}""")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": 12, "z": "Europe/Paris"}""")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1.0, "y": 23.9999999999, "z": "UTC"}""")]
    [InlineData("x_days_ago_at_y_o_clock", """{"x": 1, "y": 12, "z": "Europe/Paris"}""")]
    [InlineData("x_years_ago_at_date", """{"x": 1, "day": 20, "month": 11, "z": "UTC"}""")]
    [InlineData("x_years_ago_at_date", """{"x": 1, "day": 29, "month": 2, "z": "Europe/Amsterdam"}""")]
    public void Validate_ReturnsNull_WhenFunctionAndParametersAreValid(string function, string parameters)
    {
        Assert.Null(KnowledgeHorizons.Validate(function, parameters));
    }

    [Theory]
    [InlineData("ex_poste", """{"ex_post_horizon": "P0D"}""", "ex_poste")]
    [InlineData("Ex_Post", """{"ex_post_horizon": "P0D"}""", "Ex_Post")]
    [InlineData("ex_post", """{}""", "ex_post_horizon")]
    [InlineData("ex_post", """{"ex_post_horizon": "P0D", "extra": 1}""", "extra")]
    [InlineData("ex_post", """{"ex_post_horizon": "P1M"}""", "ex_post_horizon")]
    [InlineData("ex_post", """{"ex_post_horizon": 0}""", "ex_post_horizon")]
    [InlineData("ex_post", """{"ex_post_horizon": "soon"}""", "ex_post_horizon")]
    [InlineData("ex_post", """not json""", "JSON")]
    [InlineData("ex_post", """["P0D"]""", "JSON object")]
    [InlineData("ex_ante", """{"ex_post_horizon": "PT1H"}""", "ex_ante_horizon")]
    [InlineData("at_date", """{"knowledge_time": "2021-01-01T00:00:00"}""", "knowledge_time")]
    [InlineData("at_date", """{"knowledge_time": "2021-01-01"}""", "knowledge_time")]
    [InlineData("at_date", """{"knowledge_time": "yesterday"}""", "knowledge_time")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": 12}""", "'z'")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": "1", "y": 12, "z": "UTC"}""", "'x'")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1.5, "y": 12, "z": "UTC"}""", "'x'")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": 24, "z": "UTC"}""", "'y'")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": -1, "z": "UTC"}""", "'y'")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": 12, "z": "Mars/Olympus_Mons"}""", "Mars/Olympus_Mons")]
    [InlineData("x_days_ago_at_y_oclock", """{"x": 1, "y": 12, "z": 1}""", "'z'")]
    [InlineData("x_years_ago_at_date", """{"x": 0, "day": 1, "month": 1, "z": "UTC"}""", "'x'")]
    [InlineData("x_years_ago_at_date", """{"x": 1, "day": 1, "month": 13, "z": "UTC"}""", "'month'")]
    [InlineData("x_years_ago_at_date", """{"x": 1, "day": 31, "month": 4, "z": "UTC"}""", "'day'")]
    [InlineData("x_years_ago_at_date", """{"x": 1, "day": 0, "month": 1, "z": "UTC"}""", "'day'")]
    [InlineData("x_years_ago_at_date", """{"day": 1, "month": 1, "z": "UTC"}""", "'x'")]
    public void Validate_ReturnsAMessageNamingTheProblem_WhenFunctionOrParametersAreInvalid(string function, string parameters, string named)
    {
        var message = KnowledgeHorizons.Validate(function, parameters);

        Assert.NotNull(message);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeHorizon_ThrowsWithTheValidationMessage_WhenParametersAreInvalid()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            KnowledgeHorizons.KnowledgeHorizon("x_days_ago_at_y_oclock", """{"x": 1, "y": 12}""", Utc(2021, 1, 1, 0), Hour));

        Assert.Contains("'z'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("x_days_ago_at_y_oclock", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeTime_Throws_WhenEventStartIsLocalTime()
    {
        var local = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Local);

        Assert.Throws<ArgumentException>(() => KnowledgeHorizons.KnowledgeTime("ex_post", """{"ex_post_horizon": "P0D"}""", local, Hour));
    }

    [Fact]
    public void KnowledgeTime_TreatsUnspecifiedKindAsUtc()
    {
        var unspecified = new DateTime(2021, 1, 1, 10, 0, 0, DateTimeKind.Unspecified);

        var knowledgeTime = KnowledgeHorizons.KnowledgeTime("ex_post", """{"ex_post_horizon": "P0D"}""", unspecified, Hour);

        Assert.Equal(Utc(2021, 1, 1, 11), knowledgeTime);
        Assert.Equal(DateTimeKind.Utc, knowledgeTime.Kind);
    }
}

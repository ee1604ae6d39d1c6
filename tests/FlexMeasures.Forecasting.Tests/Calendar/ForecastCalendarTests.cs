using FlexMeasures.Forecasting.Calendar;

namespace FlexMeasures.Forecasting.Tests.Calendar;

public sealed class ForecastCalendarTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData("2024-03-30T23:00:00Z", 0)]
    [InlineData("2024-03-31T01:00:00Z", 3)]
    [InlineData("2024-07-01T10:00:00Z", 12)]
    [InlineData("2024-10-27T01:00:00Z", 2)]
    public void Local_FollowsDaylightSaving_InTheSensorsZone(string utc, int localHour)
    {
        var calendar = new ForecastCalendar(Amsterdam);

        Assert.Equal(localHour, calendar.Local(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).Hour);
    }

    [Theory]
    [InlineData("NL", "2024-04-27", true)]
    [InlineData("NL", "2024-12-25", true)]
    [InlineData("NL", "2024-04-26", false)]
    [InlineData("de", "2024-10-03", true)]
    [InlineData(null, "2024-12-25", false)]
    public void IsHoliday_KnowsTheCountrysPublicHolidays(string? country, string day, bool holiday)
    {
        var calendar = new ForecastCalendar(Amsterdam, country);

        Assert.Equal(holiday, calendar.IsHoliday(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(13)));
    }

    [Fact]
    public void Constructor_NamesTheCountry_WhenItHasNoHolidayCalendar()
    {
        var error = Assert.Throws<ArgumentException>(() => new ForecastCalendar(Amsterdam, "XX"));

        Assert.Contains("'XX'", error.Message, StringComparison.Ordinal);
    }
}

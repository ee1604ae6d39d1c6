using FlexMeasures.Api.Ui.Graphs;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Ui;

public sealed class GraphPeriodTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData("day", "2025-03-30", "2025-03-30T00:00:00+01:00", "2025-03-31T00:00:00+02:00", 23)]
    [InlineData("day", "2025-10-26", "2025-10-26T00:00:00+02:00", "2025-10-27T00:00:00+01:00", 25)]
    [InlineData("day", "2025-06-01", "2025-06-01T00:00:00+02:00", "2025-06-02T00:00:00+02:00", 24)]
    [InlineData("week", "2025-03-30", "2025-03-24T00:00:00+01:00", "2025-03-31T00:00:00+02:00", 167)]
    [InlineData("week", "2025-03-31", "2025-03-31T00:00:00+02:00", "2025-04-07T00:00:00+02:00", 168)]
    [InlineData("month", "2025-10-15", "2025-10-01T00:00:00+02:00", "2025-11-01T00:00:00+01:00", 745)]
    [InlineData("year", "2024-07-01", "2024-01-01T00:00:00+01:00", "2025-01-01T00:00:00+01:00", 8784)]
    public void Of_RunsFromMidnightToMidnightInTheZone_WithDstDaysOf23Or25Hours(string name, string date, string start, string end, double hours)
    {
        var period = GraphPeriod.Of(name, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Amsterdam);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.StartInstant);
        Assert.Equal(start[^6..], period.StartInstant.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.EndInstant);
        Assert.Equal(hours, period.Length.TotalHours);
    }

    [Theory]
    [InlineData("day", "2025-03-01", "2025-02-28", "2025-03-02")]
    [InlineData("week", "2025-03-30", "2025-03-17", "2025-03-31")]
    [InlineData("month", "2025-03-30", "2025-02-01", "2025-04-01")]
    [InlineData("year", "2025-03-30", "2024-01-01", "2026-01-01")]
    public void PreviousAndNext_AreInThePeriodsBeforeAndAfter(string name, string date, string previous, string next)
    {
        var period = GraphPeriod.Of(name, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Amsterdam);

        Assert.Equal(previous, GraphPeriod.Iso(period.Previous));
        Assert.Equal(next, GraphPeriod.Iso(period.Next));
    }

    [Theory]
    [InlineData("fortnight", null, "period 'fortnight'")]
    [InlineData("day", "30-03-2025", "date '30-03-2025'")]
    public void Read_NamesTheBadValue_AndShowsTheDefault(string? period, string? date, string named)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 4, 22, 30, 0, TimeSpan.Zero));

        var view = GraphView.Read("assets", 1, period, date, Amsterdam, clock);

        Assert.Contains(named, view.Problem, StringComparison.Ordinal);

        // 22:30 UTC is already 5 June in Amsterdam.
        Assert.Equal("2025-06-05", GraphPeriod.Iso(view.Period.Date));
    }
}

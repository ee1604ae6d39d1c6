namespace FlexMeasures.Api.Ui.Graphs;

/// <summary>What the graph partial needs: whose chart data to load, for which period, and any problem with the page's query.</summary>
/// <param name="Resource"><c>assets</c> or <c>sensors</c>: the API resource whose <c>chart_data</c> the graph loads.</param>
/// <param name="Problem">Why the period asked for was not taken (shown on the page); null when it was.</param>
internal sealed record GraphView(string Resource, int Id, GraphPeriod Period, string? Problem)
{
    /// <summary>
    /// The period from a page's <c>period</c> and <c>date</c> query values; a bad value is named in
    /// <see cref="Problem"/> and the default (this week, today in the zone) is shown instead.
    /// </summary>
    public static GraphView Read(string resource, int id, string? period, string? date, TimeZoneInfo zone, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        string? problem = null;
        var name = period ?? GraphPeriod.DefaultName;
        if (!GraphPeriod.Names.Contains(name))
        {
            problem = $"period '{period}' is not one of {string.Join(", ", GraphPeriod.Names)}; showing a {GraphPeriod.DefaultName}.";
            name = GraphPeriod.DefaultName;
        }

        var day = today;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            problem = (problem is null ? "" : problem + " ") + $"date '{date}' is not a date like 2025-03-30; showing today.";
            day = today;
        }

        return new GraphView(resource, id, GraphPeriod.Of(name, day, zone), problem);
    }
}

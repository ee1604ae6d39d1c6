using FlexMeasures.Forecasting.Naive;

namespace FlexMeasures.Forecasting.Seasonal;

/// <summary>
/// "seasonal-naive": each event gets the value of the same time one season earlier — or as many
/// whole seasons earlier as it takes to reach a value known at belief time (at a 48 h horizon with a
/// daily season: three days back). Gaps are skipped by going back one more season. With holidays in the request's
/// calendar, a holiday is forecast as a Sunday and other days skip holidays (see <see cref="HolidayDays"/>).
/// </summary>
/// <remarks>
/// A season that is not a whole number of resolutions falls back to <see cref="NaiveModel"/>
/// (reported in <see cref="ForecastResult.ModelUsed"/>).
/// </remarks>
public sealed class SeasonalNaiveModel(TimeSpan season) : IForecastModel
{
    /// <summary>The weekly seasonal-naive model's name (kept from before there was a daily one).</summary>
    public const string ModelName = "seasonal-naive";

    public const string DailyModelName = "seasonal-naive-daily";

    /// <summary>The baseline every model is compared with: the same time one week earlier.</summary>
    public static SeasonalNaiveModel Weekly { get; } = new(TimeSpan.FromDays(7));

    /// <summary>The same time one day earlier.</summary>
    public static SeasonalNaiveModel Daily { get; } = new(TimeSpan.FromDays(1));

    public TimeSpan Season { get; } = season > TimeSpan.Zero
        ? season
        : throw new ArgumentOutOfRangeException(nameof(season), season, "A season must be positive.");

    public string Name => Season == TimeSpan.FromDays(1) ? DailyModelName : Season == TimeSpan.FromDays(7) ? ModelName : $"{ModelName}-{Time(Season)}";

    public string Version => "1";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resolution = request.History.Resolution;
        if (Season.Ticks % resolution.Ticks != 0)
        {
            return ForecastResult.FallBack(new NaiveModel().Forecast(request), $"{Name} needs a season of whole resolutions");
        }

        var period = (int)(Season.Ticks / resolution.Ticks);
        var history = request.History.ToArray();
        var forecasts = new double?[request.EventCount];
        var holidays = request.Calendar is { HasHolidays: true } calendar && TimeSpan.TicksPerDay % resolution.Ticks == 0 ? new HolidayDays(request, calendar) : null;
        for (var e = 0; e < forecasts.Length; e++)
        {
            var target = request.FirstEventIndex + e;
            var known = Math.Min(request.LastKnownIndex(target), history.Length - 1);
            var source = holidays?.Source(target, known, history, period) ?? SeasonBack(target, known, history, period);
            forecasts[e] = source >= 0 ? history[source] : null;
        }

        return new ForecastResult(request.ToSeries(forecasts), Name);
    }

    /// <summary>The latest index a whole number of seasons back from <paramref name="target"/> with a known value; negative when none.</summary>
    private static int SeasonBack(int target, int known, double[] history, int period, Func<int, bool>? skip = null)
    {
        var source = target - period;
        while (source > known || (source >= 0 && (double.IsNaN(history[source]) || skip?.Invoke(source) == true)))
        {
            source -= period;
        }

        return source;
    }

    /// <summary>
    /// Holidays are treated as Sundays: a holiday gets the value of the latest Sunday or holiday known at the same
    /// time of day; a weekday or Saturday skips the seasons back that fall on a holiday. Where that finds nothing
    /// known, the plain season back counts.
    /// </summary>
    private sealed class HolidayDays(ForecastRequest request, Calendar.ForecastCalendar calendar)
    {
        public int Source(int target, int known, double[] history, int period)
        {
            var day = (int)(TimeSpan.TicksPerDay / request.History.Resolution.Ticks);
            var source = IsHoliday(target) ? SeasonBack(target, known, history, day, skip: i => !IsSundayLike(i))
                : IsSunday(target) ? -1
                : SeasonBack(target, known, history, period, skip: IsHoliday);
            return source >= 0 ? source : SeasonBack(target, known, history, period);
        }

        private bool IsHoliday(int index) => calendar.IsHolidayAt(request.History.TimeAt(index));

        private bool IsSunday(int index) => calendar.Local(request.History.TimeAt(index)).DayOfWeek == DayOfWeek.Sunday;

        private bool IsSundayLike(int index) => IsHoliday(index) || IsSunday(index);
    }

    private static string Time(TimeSpan season) => System.Xml.XmlConvert.ToString(season);
}

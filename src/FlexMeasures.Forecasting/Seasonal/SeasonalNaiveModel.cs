using FlexMeasures.Forecasting.Naive;

namespace FlexMeasures.Forecasting.Seasonal;

/// <summary>
/// "seasonal-naive": each event gets the value of the same time one season earlier — or as many
/// whole seasons earlier as it takes to reach a value known at belief time (at a 48 h horizon with a
/// daily season: three days back). Gaps are skipped by going back one more season.
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
        for (var e = 0; e < forecasts.Length; e++)
        {
            var target = request.FirstEventIndex + e;
            var known = Math.Min(request.LastKnownIndex(target), history.Length - 1);
            var source = target - period;
            while (source > known || (source >= 0 && double.IsNaN(history[source])))
            {
                source -= period;
            }

            forecasts[e] = source >= 0 ? history[source] : null;
        }

        return new ForecastResult(request.ToSeries(forecasts), Name);
    }

    private static string Time(TimeSpan season) => System.Xml.XmlConvert.ToString(season);
}

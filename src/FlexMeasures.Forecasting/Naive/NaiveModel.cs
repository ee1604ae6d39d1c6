namespace FlexMeasures.Forecasting.Naive;

/// <summary>
/// "naive": each event gets the latest value known at its belief time — the measurement one horizon
/// (plus one resolution, see <see cref="ForecastRequest"/>) before the event, or the most recent
/// earlier one when that is a gap. FlexMeasures' fallback when a model cannot be used.
/// </summary>
public sealed class NaiveModel : IForecastModel
{
    public const string ModelName = "naive";

    public string Name => ModelName;

    public string Version => "1";

    public ForecastResult Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ForecastResult(request.ToSeries(ForecastValues(request, request.History.ToArray())), ModelName);
    }

    /// <summary>Naive forecasts from the history already turned into an array (NaN for gaps).</summary>
    internal static double?[] ForecastValues(ForecastRequest request, double[] history)
    {
        var forecasts = new double?[request.EventCount];
        for (var e = 0; e < forecasts.Length; e++)
        {
            var known = Math.Min(request.LastKnownIndex(request.FirstEventIndex + e), history.Length - 1);
            while (known >= 0 && double.IsNaN(history[known]))
            {
                known--;
            }

            forecasts[e] = known >= 0 ? history[known] : null;
        }

        return forecasts;
    }
}

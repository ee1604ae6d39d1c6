namespace FlexMeasures.Data.Charts;

/// <summary>
/// What a graph draws a source's beliefs as, by the source's type (FlexMeasures' type names, old and new): a
/// forecaster's beliefs are forecasts, a scheduler's a schedule, everything else (users, gateways, scripts,
/// reporters) is drawn as measured data.
/// </summary>
public static class ChartKinds
{
    public const string Measurement = "measurement";

    public const string Forecast = "forecast";

    public const string Schedule = "schedule";

    public static string Of(string? sourceType) => sourceType?.ToLowerInvariant() switch
    {
        "forecaster" or "forecasting script" => Forecast,
        "scheduler" or "scheduling script" => Schedule,
        _ => Measurement,
    };
}

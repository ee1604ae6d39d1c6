namespace FlexMeasures.Forecasting;

/// <summary>A forecasting model: turns measurements known at belief time into forecasts at one horizon.</summary>
public interface IForecastModel
{
    /// <summary>Short model name as stored in the forecaster data source (e.g. <c>linear-OLS</c>).</summary>
    string Name { get; }

    /// <summary>Version of the model's parametrisation; changes when forecasts would change.</summary>
    string Version { get; }

    /// <summary>
    /// Forecasts every event in <c>[ForecastStart, ForecastEnd)</c> at <see cref="ForecastRequest.Horizon"/>,
    /// using for each event only the history that was known at its belief time (see <see cref="ForecastRequest"/>).
    /// </summary>
    ForecastResult Forecast(ForecastRequest request);
}

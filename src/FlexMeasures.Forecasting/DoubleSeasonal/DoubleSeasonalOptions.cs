namespace FlexMeasures.Forecasting.DoubleSeasonal;

/// <summary>Settings of <see cref="DoubleSeasonalModel"/>.</summary>
public sealed record DoubleSeasonalOptions
{
    /// <summary>How much history, counted back from the first belief time, initialises the model and fits its parameters.</summary>
    public TimeSpan FitWindow { get; init; } = TimeSpan.FromDays(56);

    /// <summary>
    /// The leading part of the fit window whose values set the initial level and seasonal states; the fit scores
    /// the forecasts after it only, so the seasonal gains are fitted on data the starting profile has not seen.
    /// </summary>
    public TimeSpan InitialPeriod { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Less known history than this at a refit (see <see cref="RefitSchedule"/>) falls back to the naive model.</summary>
    public TimeSpan MinimumHistory { get; init; } = TimeSpan.FromDays(21);

    /// <summary>
    /// Fit the parameters to the squared errors at the requested horizon instead of one step ahead
    /// (Taylor's choice). See docs/decisions/0005-default-forecast-model.md.
    /// </summary>
    public bool FitToHorizon { get; init; } = true;

    /// <summary>Model the logarithm of the values (multiplicative seasonality) when all known values are positive.</summary>
    public bool Multiplicative { get; init; } = true;

    /// <summary>Fixed parameters instead of fitting them; null fits them.</summary>
    public DoubleSeasonalParameters? Parameters { get; init; }
}

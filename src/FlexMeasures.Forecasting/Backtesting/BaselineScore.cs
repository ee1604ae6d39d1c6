using FlexMeasures.Forecasting.Accuracy;

namespace FlexMeasures.Forecasting.Backtesting;

/// <summary>A baseline's forecasts of the test events and their accuracy.</summary>
public sealed record BaselineScore(string Name, Series Forecasts, AccuracyMetrics Accuracy);

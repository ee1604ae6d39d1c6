namespace FlexMeasures.Forecasting.Accuracy;

/// <summary>
/// Accuracy of forecasts against actual values, over the events where both are known.
/// </summary>
/// <param name="Count">Events where both actual and forecast are known.</param>
/// <param name="Mae">Mean absolute error, in the data's unit; null when <paramref name="Count"/> is 0.</param>
/// <param name="Mape">
/// Mean absolute percentage error as a fraction (0.05 = 5 %), over the counted events whose actual
/// is not zero; null when there are none.
/// </param>
/// <param name="ZeroActualsSkipped">Counted events left out of <paramref name="Mape"/> because their actual is zero.</param>
/// <param name="Wape">
/// Weighted absolute percentage error as a fraction: total absolute error over total absolute actual;
/// null when the latter is zero.
/// </param>
public sealed record AccuracyMetrics(int Count, double? Mae, double? Mape, int ZeroActualsSkipped, double? Wape)
{
    /// <summary>Compares forecasts with actuals event by event; a null on either side leaves the event out.</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static AccuracyMetrics Compute(IReadOnlyList<double?> actual, IReadOnlyList<double?> forecast)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(forecast);
        if (actual.Count != forecast.Count)
        {
            throw new ArgumentException($"There are {actual.Count} actuals but {forecast.Count} forecasts.", nameof(forecast));
        }

        var count = 0;
        var zeros = 0;
        var absoluteErrors = 0.0;
        var absoluteActuals = 0.0;
        var percentageErrors = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] is not { } a || forecast[i] is not { } f)
            {
                continue;
            }

            var error = Math.Abs(a - f);
            count++;
            absoluteErrors += error;
            absoluteActuals += Math.Abs(a);
            if (a == 0)
            {
                zeros++;
            }
            else
            {
                percentageErrors += error / Math.Abs(a);
            }
        }

        return new AccuracyMetrics(
            count,
            count == 0 ? null : absoluteErrors / count,
            count > zeros ? percentageErrors / (count - zeros) : null,
            zeros,
            absoluteActuals > 0 ? absoluteErrors / absoluteActuals : null);
    }
}

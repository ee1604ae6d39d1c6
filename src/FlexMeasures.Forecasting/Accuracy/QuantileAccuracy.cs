using FlexMeasures.Forecasting.Probabilistic;

namespace FlexMeasures.Forecasting.Accuracy;

/// <summary>How well quantile forecasts fit the actual values, over the events where the actual and every quantile are known.</summary>
/// <param name="Count">Events counted.</param>
/// <param name="Pinball">Mean pinball loss over events and levels, in the data's unit; null when <paramref name="Count"/> is 0.</param>
/// <param name="Coverage">Share of actuals inside [lowest level, highest level] (bounds included); null when <paramref name="Count"/> is 0.</param>
/// <param name="Lower">The lowest level (e.g. 0.1).</param>
/// <param name="Upper">The highest level (e.g. 0.9); the nominal coverage is <c>Upper − Lower</c>.</param>
public sealed record QuantileAccuracy(int Count, double? Pinball, double? Coverage, double Lower, double Upper)
{
    /// <summary>Scores quantile forecasts (one list of values per level, each as long as <paramref name="actual"/>).</summary>
    /// <exception cref="ArgumentException">No levels, or lists of different lengths.</exception>
    public static QuantileAccuracy Compute(IReadOnlyList<double?> actual, IReadOnlyList<(double Level, IReadOnlyList<double?> Values)> quantiles)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Count == 0)
        {
            throw new ArgumentException("No quantile levels to score.", nameof(quantiles));
        }

        if (quantiles.Any(q => q.Values.Count != actual.Count))
        {
            throw new ArgumentException($"Every quantile needs {actual.Count} values, one per actual.", nameof(quantiles));
        }

        var ordered = quantiles.OrderBy(q => q.Level).ToList();
        var count = 0;
        var inside = 0;
        var loss = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] is not { } a || ordered.Any(q => q.Values[i] is null))
            {
                continue;
            }

            count++;
            loss += ordered.Average(q => Quantiles.Pinball(a, q.Values[i]!.Value, q.Level));
            if (a >= ordered[0].Values[i] && a <= ordered[^1].Values[i])
            {
                inside++;
            }
        }

        return new QuantileAccuracy(
            count,
            count == 0 ? null : loss / count,
            count == 0 ? null : (double)inside / count,
            ordered[0].Level,
            ordered[^1].Level);
    }
}

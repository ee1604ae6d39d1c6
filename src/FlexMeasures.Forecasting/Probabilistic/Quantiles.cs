using System.Globalization;

namespace FlexMeasures.Forecasting.Probabilistic;

/// <summary>Quantile levels (cumulative probabilities) of a probabilistic forecast.</summary>
public static class Quantiles
{
    /// <summary>The median: the deterministic forecast, stored with every probabilistic one.</summary>
    public const double Median = 0.5;

    /// <summary>
    /// The levels sorted, without duplicates and with the median added: a stored probabilistic belief always holds
    /// the model's own forecast at 0.5, so reading its median gives what a deterministic run stores.
    /// </summary>
    /// <exception cref="ArgumentException">A level is not strictly between 0 and 1.</exception>
    public static IReadOnlyList<double> Normalise(IEnumerable<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var list = levels.ToList();
        foreach (var level in list.Where(l => !(l > 0 && l < 1)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A quantile must lie strictly between 0 and 1; got {level}."), nameof(levels));
        }

        return list.Count == 0 ? [] : [.. list.Append(Median).Distinct().Order()];
    }

    /// <summary>
    /// The <paramref name="level"/> quantile of sorted values, interpolating linearly between order statistics
    /// (Hyndman and Fan's type 7, numpy's default).
    /// </summary>
    public static double Empirical(IReadOnlyList<double> sorted, double level)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values to take a quantile of.", nameof(sorted));
        }

        var position = level * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>Pinball (quantile) loss of one forecast <paramref name="forecast"/> at <paramref name="level"/> for outcome <paramref name="actual"/>.</summary>
    public static double Pinball(double actual, double forecast, double level)
    {
        var error = actual - forecast;
        return error >= 0 ? level * error : (level - 1) * error;
    }
}

using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>Rules about the time axis of report series.</summary>
internal static class ReportSteps
{
    /// <summary>The steps every series shares.</summary>
    /// <exception cref="InvalidInputException">
    /// Field <c>parameters.resolution</c>: the series' steps differ, which happens with whole-day steps for sensors in
    /// different time zones (each sensor's days are its own).
    /// </exception>
    public static IReadOnlyList<DateTime> Common(IEnumerable<IReadOnlyList<DateTime>> series)
    {
        IReadOnlyList<DateTime>? steps = null;
        foreach (var s in series)
        {
            if (steps is null)
            {
                steps = s;
            }
            else if (!steps.SequenceEqual(s))
            {
                throw new InvalidInputException("parameters.resolution", "the inputs' steps differ (whole days of sensors in different time zones); report at a resolution shorter than a day");
            }
        }

        return steps ?? [];
    }

    /// <summary>
    /// Combines values per bin of <paramref name="bins"/> (UTC starts; the last bin runs to the end of the window) with
    /// <paramref name="combine"/>, e.g. a sum. A bin without any value is a gap.
    /// </summary>
    public static double?[] Fold(IReadOnlyList<DateTime> steps, IReadOnlyList<double?> values, IReadOnlyList<DateTime> bins, Func<double, double, double> combine)
    {
        var sums = new double?[bins.Count];
        var bin = 0;
        for (var k = 0; k < steps.Count && bins.Count > 0; k++)
        {
            while (bin + 1 < bins.Count && bins[bin + 1] <= steps[k])
            {
                bin++;
            }

            if (values[k] is { } v && steps[k] >= bins[bin])
            {
                sums[bin] = sums[bin] is { } current ? combine(current, v) : v;
            }
        }

        return sums;
    }
}

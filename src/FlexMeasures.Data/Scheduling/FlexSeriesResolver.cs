using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Scheduling;

/// <summary>The steps of a schedule and the moment its inputs are read as of.</summary>
/// <param name="Start">UTC start of the first step.</param>
/// <param name="BeliefTime">UTC: only beliefs held at or before it are used (FlexMeasures' <c>prior</c>).</param>
public sealed record ScheduleWindow(DateTime Start, TimeSpan Resolution, int Steps, DateTime BeliefTime)
{
    public DateTime End => Start + (Resolution * Steps);
}

/// <summary>
/// Turns flex values into one number per schedule step: fixed values repeat, time series are laid on the steps,
/// sensors are read through <see cref="SeriesReader"/> as of the belief time and converted to the field's unit.
/// </summary>
/// <remarks>
/// Flows (power, prices, efficiencies) apply during a step: step <c>k</c> takes the segment covering its start.
/// States of charge (<see cref="QuantityKind.Energy"/>) are about instants: element <c>k</c> is the state at the end
/// of step <c>k</c>, taken from segments that cover that instant (an instant between ticks goes to the next tick).
/// </remarks>
public sealed class FlexSeriesResolver(SeriesReader reader)
{
    /// <summary>Per step, the value (null where none is known).</summary>
    /// <param name="currency">For price sensors: the currency to read them in.</param>
    /// <param name="field">Names the field in errors.</param>
    /// <exception cref="InvalidInputException">A sensor cannot be read in the field's unit.</exception>
    public async Task<double?[]> ResolveAsync(FlexValue value, QuantityKind kind, ScheduleWindow window, string? currency, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(window);
        var steps = new double?[window.Steps];
        switch (value)
        {
            case FixedValue f:
                Array.Fill(steps, f.Value);
                return steps;
            case SeriesValue s:
                Lay(s.Segments, kind == QuantityKind.Energy, window, steps);
                return steps;
            case SensorValue sensor:
                var unit = kind.PhysicalUnit()
                    ?? $"{currency ?? throw new InvalidInputException(field, "the currency of the prices is unknown")}/{kind.PricePer()}";

                // States are read at the step ends; flows over the steps themselves.
                var from = kind == QuantityKind.Energy ? window.Start + window.Resolution : window.Start;
                var series = await reader.ReadAsync(
                    new SeriesQuery(sensor.SensorId, from, window.End - window.Start, window.Resolution, unit, new BeliefQuery { SensorId = sensor.SensorId, BeliefsBefore = window.BeliefTime }),
                    cancellationToken);
                for (var i = 0; i < steps.Length && i < series.Values.Count; i++)
                {
                    steps[i] = series.Values[i];
                }

                return steps;
            default:
                throw new ArgumentException($"Unknown flex value {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>
    /// Penalty prices (breach and peak prices) per step, as FlexMeasures reads them: the first known price also holds
    /// before it and the last known one after it; a step in a gap between known prices is not priced (0: FlexMeasures
    /// prices a commitment whose price is unknown at 0). Null when no price is known at all.
    /// </summary>
    public static double[]? ExtendToEdges(double?[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var first = Array.FindIndex(steps, v => v is not null);
        if (first < 0)
        {
            return null;
        }

        var last = Array.FindLastIndex(steps, v => v is not null);
        return [.. steps.Select((v, k) => v ?? (k < first ? steps[first]!.Value : k > last ? steps[last]!.Value : 0))];
    }

    /// <summary>Lays time-series segments on the steps (later segments win where they overlap).</summary>
    public static void Lay(IReadOnlyList<TimedValue> segments, bool instants, ScheduleWindow window, double?[] steps)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(steps);
        var ticks = window.Resolution.Ticks;
        foreach (var segment in segments)
        {
            if (instants)
            {
                // Step k ends at Start + (k+1)·resolution; an instant between ticks counts at the next tick.
                var first = CeilingSteps(segment.Start - window.Start, ticks) - 1;
                var last = segment.End == segment.Start ? first : FloorSteps(segment.End - window.Start, ticks) - 1;
                for (var k = Math.Max(first, 0); k <= last && k < steps.Length; k++)
                {
                    steps[k] = segment.Value;
                }
            }
            else
            {
                // Step k covers [Start + k·resolution, Start + (k+1)·resolution); it takes a segment covering its start.
                var first = CeilingSteps(segment.Start - window.Start, ticks);
                var end = CeilingSteps(segment.End - window.Start, ticks);
                for (var k = Math.Max(first, 0); k < end && k < steps.Length; k++)
                {
                    steps[k] = segment.Value;
                }
            }
        }
    }

    private static long CeilingSteps(TimeSpan offset, long ticks) =>
        offset.Ticks >= 0 ? (offset.Ticks + ticks - 1) / ticks : -(-offset.Ticks / ticks);

    private static long FloorSteps(TimeSpan offset, long ticks) =>
        offset.Ticks >= 0 ? offset.Ticks / ticks : -((-offset.Ticks + ticks - 1) / ticks);
}

namespace FlexMeasures.Forecasting;

/// <summary>
/// A regular time series: event <c>i</c> covers <c>[Start + i·Resolution, Start + (i+1)·Resolution)</c>
/// and has value <c>Values[i]</c>, or null for a gap. All instants are UTC.
/// </summary>
/// <param name="Start">Start of the first event; must be UTC (<see cref="DateTimeKind.Utc"/>).</param>
/// <param name="Resolution">Duration of every event; positive.</param>
/// <param name="Values">One value per event; null where nothing is known.</param>
public sealed record Series(DateTime Start, TimeSpan Resolution, IReadOnlyList<double?> Values)
{
    public DateTime Start { get; init; } = Start.Kind == DateTimeKind.Utc
        ? Start
        : throw new ArgumentException($"Series start {Start:O} must be UTC (DateTimeKind.Utc).", nameof(Start));

    public TimeSpan Resolution { get; init; } = Resolution > TimeSpan.Zero
        ? Resolution
        : throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "A series resolution must be positive.");

    public IReadOnlyList<double?> Values { get; init; } = Values ?? throw new ArgumentNullException(nameof(Values));

    /// <summary>Number of events.</summary>
    public int Count => Values.Count;

    /// <summary>End of the last event (exclusive); equals <see cref="Start"/> for an empty series.</summary>
    public DateTime End => TimeAt(Count);

    /// <summary>Start of event <paramref name="index"/> (any integer, also outside the series).</summary>
    public DateTime TimeAt(int index) => Start + (index * Resolution);

    /// <summary>
    /// Index of the event starting at <paramref name="time"/>, or -1 when that time is not on this
    /// series' grid or lies outside it.
    /// </summary>
    public int IndexOf(DateTime time)
    {
        var offset = GridOffset(time);
        return offset is { } index && index >= 0 && index < Count ? (int)index : -1;
    }

    /// <summary>The value of the event starting at <paramref name="time"/>; null for gaps, off-grid times and times outside.</summary>
    public double? ValueAt(DateTime time)
    {
        var index = IndexOf(time);
        return index < 0 ? null : Values[index];
    }

    /// <summary>True when <paramref name="time"/> is the start of an event on this series' grid (inside or outside the series).</summary>
    public bool IsOnGrid(DateTime time) => GridOffset(time) is not null;

    /// <summary>
    /// The events starting in <c>[from, until)</c>, clipped to this series; <paramref name="from"/> is
    /// rounded up to the grid, so the slice keeps this series' grid.
    /// </summary>
    public Series Slice(DateTime from, DateTime until)
    {
        var first = Math.Max(0L, CeilingIndex(from));
        var end = Math.Min(Count, CeilingIndex(until));
        if (end <= first)
        {
            return new Series(TimeAt((int)Math.Min(first, Count)), Resolution, []);
        }

        var values = new double?[end - first];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Values[(int)first + i];
        }

        return new Series(TimeAt((int)first), Resolution, values);
    }

    /// <summary>Builds a series from plain numbers (no gaps); NaN becomes a gap.</summary>
    public static Series FromValues(DateTime start, TimeSpan resolution, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Series(start, resolution, values.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray());
    }

    public bool Equals(Series? other) =>
        other is not null
        && Start == other.Start
        && Resolution == other.Resolution
        && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Start, Resolution, Count);

    /// <summary>The values as an array with NaN for gaps: the form the models compute with.</summary>
    internal double[] ToArray()
    {
        var array = new double[Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = Values[i] ?? double.NaN;
        }

        return array;
    }

    /// <summary>Index of the first event starting at or after <paramref name="time"/> (may lie outside the series).</summary>
    internal long CeilingIndex(DateTime time)
    {
        var ticks = (time - Start).Ticks;
        var resolution = Resolution.Ticks;
        var quotient = Math.DivRem(ticks, resolution, out var remainder);
        return remainder > 0 ? quotient + 1 : quotient;
    }

    /// <summary>Index of the last event starting at or before <paramref name="time"/> (may lie outside the series).</summary>
    internal long FloorIndex(DateTime time)
    {
        var ticks = (time - Start).Ticks;
        var resolution = Resolution.Ticks;
        var quotient = Math.DivRem(ticks, resolution, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private long? GridOffset(DateTime time)
    {
        var ticks = (time - Start).Ticks;
        return ticks % Resolution.Ticks == 0 ? ticks / Resolution.Ticks : null;
    }
}

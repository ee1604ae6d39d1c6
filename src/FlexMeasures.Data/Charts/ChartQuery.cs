namespace FlexMeasures.Data.Charts;

/// <summary>Which beliefs a graph shows. Instants are UTC; unset filters do not filter.</summary>
public sealed record ChartQuery
{
    /// <summary>Twice the width in pixels of a wide graph: a minimum and a maximum per pixel column.</summary>
    public const int DefaultMaxPoints = 3000;

    /// <summary>Fewer would leave no bucket between the first and the last point.</summary>
    public const int MinMaxPoints = 4;

    public DateTime? EventStartsAfter { get; init; }

    public DateTime? EventEndsBefore { get; init; }

    public DateTime? BeliefsBefore { get; init; }

    public DateTime? BeliefsAfter { get; init; }

    /// <summary>
    /// Resample each source's data to this step over the event window (which must then be set); null: the sensor's
    /// own events.
    /// </summary>
    public TimeSpan? Resolution { get; init; }

    /// <summary>Per event and source, only the beliefs with the latest belief time (FlexMeasures' default).</summary>
    public bool MostRecentBeliefsOnly { get; init; } = true;

    /// <summary>Most points per series; a longer series is reduced keeping its peaks (<see cref="PeakReduction"/>).</summary>
    public int MaxPoints { get; init; } = DefaultMaxPoints;
}

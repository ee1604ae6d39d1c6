namespace FlexMeasures.Data.Beliefs;

/// <summary>Which beliefs of one sensor to find. Instants are UTC; unset filters do not filter.</summary>
public sealed record BeliefQuery
{
    public required int SensorId { get; init; }

    /// <summary>Events starting at or after this instant.</summary>
    public DateTime? EventStartsFrom { get; init; }

    /// <summary>Events ending at or before this instant (for instantaneous sensors: starting before it).</summary>
    public DateTime? EventEndsBefore { get; init; }

    /// <summary>Beliefs held at or before this instant.</summary>
    public DateTime? BeliefsBefore { get; init; }

    /// <summary>Beliefs held at or after this instant.</summary>
    public DateTime? BeliefsAfter { get; init; }

    /// <summary>Beliefs with a belief horizon of at least this (e.g. PT0H for forecasts and the last measurement).</summary>
    public TimeSpan? HorizonsAtLeast { get; init; }

    /// <summary>Beliefs with a belief horizon of at most this (e.g. PT0H for measurements only).</summary>
    public TimeSpan? HorizonsAtMost { get; init; }

    public IReadOnlyCollection<int>? SourceIds { get; init; }

    public IReadOnlyCollection<string>? SourceNames { get; init; }

    public IReadOnlyCollection<string>? SourceTypes { get; init; }

    /// <summary>Only sources of this account.</summary>
    public int? SourceAccountId { get; init; }

    /// <summary>Per event and source, only the beliefs with the latest belief time (FlexMeasures' default).</summary>
    public bool MostRecentBeliefsOnly { get; init; } = true;

    /// <summary>Per source, only the beliefs about the latest event.</summary>
    public bool MostRecentEventsOnly { get; init; }
}

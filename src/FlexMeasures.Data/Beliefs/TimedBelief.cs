using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// One value about one event, believed at one time, by one source (table <c>timed_belief</c>).
/// The event is [<see cref="EventStart"/>, event start + the sensor's resolution). The belief time is
/// knowledge time − <see cref="BeliefHorizon"/>: a positive horizon is a forecast, zero or negative a
/// measurement.
/// </summary>
public sealed class TimedBelief
{
    /// <summary>UTC.</summary>
    public DateTime EventStart { get; set; }

    /// <summary>How long before the event's knowledge time the belief was held (negative: after).</summary>
    public TimeSpan BeliefHorizon { get; set; }

    /// <summary>Which quantile of a probabilistic belief this value is; 0.5 for deterministic beliefs.</summary>
    public double CumulativeProbability { get; set; } = 0.5;

    public double EventValue { get; set; }

    public int SensorId { get; set; }

    public Sensor? Sensor { get; set; }

    public int SourceId { get; set; }

    public DataSource? Source { get; set; }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Turns incoming values of one sensor (posted through the API, read from a file) into beliefs in the sensor's unit
/// and resolution: the one home of the rules below, which FlexMeasures applies to posted data.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Units: values are converted to the sensor's unit, with the sensor's capacity for percentages, at the
/// resolution they are held at after upsampling (so finer stock values, e.g. kWh per 5 minutes, become flows at their
/// own duration before they are averaged).</item>
/// <item>Resolution: a block's resolution is its duration / number of values, and must be a multiple or a divisor of the
/// sensor's (any suits an instantaneous sensor, but not several values over zero duration). Coarser values are repeated over the sensor's steps; finer ones averaged per step, missing values
/// left out. Instantaneous sensors take values as they come.</item>
/// <item>Flooring: a block's start is floored to the sensor's resolution on the wall clock of its own offset, unless
/// the sensor's attribute <c>floor_datetimes_to_resolution</c> is false; a row is floored into its step in UTC, or to
/// the day in the sensor's time zone for whole-day resolutions.</item>
/// <item>Belief timing: see <see cref="BeliefTiming"/>; horizons follow from the event (after resampling) and its
/// belief time through the sensor's knowledge horizon.</item>
/// </list>
/// </remarks>
public sealed class BeliefIntake
{
    private readonly Sensor _sensor;
    private readonly string _unit;
    private readonly BeliefTiming _timing;
    private TimeZoneInfo? _zone;
    private (TimeSpan Resolution, UnitConversion Conversion)? _lastConversion;

    /// <param name="sensor">The sensor the values are about.</param>
    /// <param name="unit">The unit the values are in; null: the sensor's.</param>
    /// <param name="timing">When the values were believed.</param>
    public BeliefIntake(Sensor sensor, string? unit, BeliefTiming timing)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(timing);
        _sensor = sensor;
        _unit = unit ?? sensor.Unit;
        _timing = timing;
    }

    /// <summary>Why the values' unit can never become the sensor's (whatever their resolution), or null when it can.</summary>
    public IntakeRefusal? UnitRefusal() =>
        SensorUnits.AreConvertible(_sensor, _unit)
            ? null
            : new IntakeRefusal(IntakeProblem.IncompatibleUnit, $"The sensor's unit is {_sensor.Unit}; values in {_unit} cannot be converted to it.");

    /// <summary>
    /// Beliefs from values spread evenly over <paramref name="duration"/> from <paramref name="start"/> (a posted
    /// block): each value lasts duration / count. Null values are "no value".
    /// </summary>
    public IntakeResult FromBlock(IReadOnlyList<double?> values, DateTimeOffset start, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var required = _sensor.EventResolution;
        var inferred = duration / values.Count;
        var refusals = new List<IntakeRefusal>();
        if (UnitRefusal() is { } unitRefusal)
        {
            refusals.Add(unitRefusal);
        }

        if (required != TimeSpan.Zero && values.Count == 1 && inferred == TimeSpan.Zero)
        {
            refusals.Add(new IntakeRefusal(
                IntakeProblem.NoResolution,
                $"One value over zero duration has no resolution; this sensor needs values of {IsoDuration.Format(required)}.",
                inferred));
        }

        if (required != TimeSpan.Zero && inferred != TimeSpan.Zero && inferred.Ticks % required.Ticks != 0 && required.Ticks % inferred.Ticks != 0)
        {
            refusals.Add(new IntakeRefusal(
                IntakeProblem.IncompatibleResolution,
                $"Values of {IsoDuration.Format(inferred)} are neither a multiple nor a divisor of the sensor's resolution of {IsoDuration.Format(required)}.",
                inferred));
        }

        if (values.Count > 1 && inferred == TimeSpan.Zero)
        {
            refusals.Add(new IntakeRefusal(
                IntakeProblem.OverlappingInstants,
                "Several values over zero duration would all be about the same instant; send one value or a non-zero duration.",
                inferred));
        }

        if (refusals.Count > 0)
        {
            return new IntakeResult([], refusals);
        }

        var heldAt = required != TimeSpan.Zero && inferred > required ? required : inferred;
        var (conversion, refused) = Conversion(heldAt);
        if (refused is not null)
        {
            return new IntakeResult([], [refused]);
        }

        if (required != TimeSpan.Zero && FloorsToResolution())
        {
            // On the posted offset's wall clock, as pandas floors an aware timestamp.
            var wall = start.DateTime;
            start = new DateTimeOffset(wall.AddTicks(-(wall.Ticks % required.Ticks)), start.Offset);
        }

        var startUtc = start.UtcDateTime;
        var converted = new (DateTime EventStart, double Value)[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            converted[i] = (startUtc + (inferred * i), values[i] is { } v ? conversion!.Apply(v) : double.NaN);
        }

        if (required == TimeSpan.Zero || inferred == required)
        {
            return new IntakeResult([.. converted.Select(e => Belief(e.EventStart, e.Value, null))], []);
        }

        // Resampled by the reading rule. A block's steps count from its own (floored) start in fixed durations, as
        // FlexMeasures resamples a posted block on its fixed offset; UTC has no daylight saving, so its calendar days
        // are such fixed steps even for whole-day resolutions.
        var end = startUtc + (inferred * values.Count);
        var present = converted.Where(e => !double.IsNaN(e.Value)).ToList();
        var resampled = Resampler.Resample(present, inferred, startUtc, end, required, "UTC");
        var steps = Resampler.BinStarts(startUtc, end, required, "UTC");
        return new IntakeResult([.. steps.Select((step, i) => Belief(step, resampled[i] ?? double.NaN, null))], []);
    }

    /// <summary>
    /// Beliefs from rows that each name their event start, streamed (memory does not grow with the rows).
    /// </summary>
    /// <param name="resample">
    /// Bring the rows to the sensor's resolution. The rows' own step is the gap between the first two event starts:
    /// coarser rows are repeated over the sensor's steps they cover, finer ones averaged per step and per belief time.
    /// Without it, each row is one event of the sensor.
    /// </param>
    /// <param name="cumulativeProbability">Of every belief; 0.5 for deterministic ones.</param>
    /// <exception cref="IntakeRowException">A row comes before the one above it while resampling.</exception>
    /// <exception cref="InvalidInputException">Field <c>unit</c>: the values' unit cannot be converted to the sensor's.</exception>
    public async IAsyncEnumerable<NewBelief> FromRowsAsync(
        IAsyncEnumerable<IncomingRow> rows, bool resample, double cumulativeProbability, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var required = _sensor.EventResolution;
        if (!resample || required == TimeSpan.Zero)
        {
            // Each row is an event of the sensor, so it is converted at the sensor's resolution.
            var conversion = ConversionOrThrow(required);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                yield return Belief(row.EventStart, conversion.Apply(row.Value), row.BeliefTime, cumulativeProbability);
            }

            yield break;
        }

        var resampler = new RowResampler(this, required, cumulativeProbability);
        IncomingRow? previous = null;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (previous is { } before && row.EventStart < before.EventStart)
            {
                throw new IntakeRowException(row.Line, "timestamps must be in ascending order to resample to the sensor's resolution");
            }

            previous = row;
            foreach (var belief in resampler.Add(row))
            {
                yield return belief;
            }
        }

        foreach (var belief in resampler.Finish())
        {
            yield return belief;
        }
    }

    /// <summary>A belief about the event at <paramref name="eventStart"/> (UTC), its horizon worked out from the timing.</summary>
    private NewBelief Belief(DateTime eventStart, double value, DateTime? ownBeliefTime, double cumulativeProbability = 0.5)
    {
        var horizon = _timing.BeliefTime(ownBeliefTime) is { } beliefTime
            ? KnowledgeHorizons.BeliefHorizon(_sensor.KnowledgeHorizonFnc, _sensor.KnowledgeHorizonPar, eventStart, _sensor.EventResolution, beliefTime)
            : _timing.Horizon!.Value;
        return new NewBelief(eventStart, horizon, value, cumulativeProbability);
    }

    /// <summary>The conversion of values held at <paramref name="resolution"/> into the sensor's unit, or why there is none.</summary>
    private (UnitConversion? Conversion, IntakeRefusal? Refusal) Conversion(TimeSpan resolution)
    {
        if (_lastConversion is { } last && last.Resolution == resolution)
        {
            return (last.Conversion, null);
        }

        try
        {
            var conversion = SensorUnits.Between(_sensor, _unit, _sensor.Unit, resolution);
            _lastConversion = (resolution, conversion);
            return (conversion, null);
        }
        catch (InvalidInputException e)
        {
            return (null, UnitRefusal() ?? new IntakeRefusal(IntakeProblem.UnconvertibleUnit, e.Message, resolution));
        }
    }

    private UnitConversion ConversionOrThrow(TimeSpan resolution)
    {
        var (conversion, refusal) = Conversion(resolution);
        return conversion ?? throw new InvalidInputException("unit", refusal!.Message);
    }

    private bool FloorsToResolution() =>
        Json.ParseObject(_sensor.Attributes, "attributes")["floor_datetimes_to_resolution"] is not JsonValue flag
        || flag.GetValueKind() != JsonValueKind.False;

    /// <summary>The start of the sensor's step that holds <paramref name="utc"/>: a UTC multiple, or the day in the sensor's zone.</summary>
    private DateTime Floor(DateTime utc, TimeSpan resolution)
    {
        if (resolution.Ticks % TimeSpan.TicksPerDay != 0)
        {
            return new DateTime(utc.Ticks - (utc.Ticks % resolution.Ticks), DateTimeKind.Utc);
        }

        _zone ??= TimeZones.Find(_sensor.Timezone);
        return ZonedTime.ToUtc(ZonedTime.ToWallClock(utc, _zone).Date, _zone);
    }

    /// <summary>
    /// Resamples rows in time order one sensor step at a time. It does not call <see cref="Resampler.Resample"/>: that
    /// one needs the whole window at once, while rows stream (a file of years stays out of memory), carry belief times
    /// of their own (each averaged apart) and are floored into steps row by row rather than counted from a window start.
    /// The averaging itself is the shared <see cref="BinMean"/>.
    /// </summary>
    private sealed class RowResampler(BeliefIntake intake, TimeSpan required, double cumulativeProbability)
    {
        // Rows of the first event wait until the second event start tells the rows' own step.
        private readonly List<IncomingRow> _firstEvent = [];
        // Per belief time in the open step (few: a list beats a dictionary, and takes a null key).
        private readonly List<(DateTime? BeliefTime, BinMean Mean)> _bin = [];

        // The beliefs of the latest call, read by the caller before the next one (one list for all rows of a file).
        private readonly List<NewBelief> _out = [];
        private TimeSpan? _step;
        private UnitConversion? _conversion;
        private DateTime? _binStart;

        public List<NewBelief> Add(IncomingRow row)
        {
            var beliefs = _out;
            beliefs.Clear();
            if (_step is null)
            {
                if (_firstEvent.Count == 0 || row.EventStart == _firstEvent[0].EventStart)
                {
                    _firstEvent.Add(row);
                    return beliefs;
                }

                Start(row.EventStart - _firstEvent[0].EventStart, beliefs);
            }

            Take(row, beliefs);
            return beliefs;
        }

        public List<NewBelief> Finish()
        {
            var beliefs = _out;
            beliefs.Clear();
            if (_step is null && _firstEvent.Count > 0)
            {
                // One event start in all: nothing says the rows' step, so they are taken as the sensor's.
                Start(required, beliefs);
            }

            Flush(beliefs);
            return beliefs;
        }

        private void Start(TimeSpan step, List<NewBelief> beliefs)
        {
            _step = step;
            _conversion = intake.ConversionOrThrow(step < required ? step : required);
            foreach (var row in _firstEvent)
            {
                Take(row, beliefs);
            }

            _firstEvent.Clear();
        }

        private void Take(IncomingRow row, List<NewBelief> beliefs)
        {
            var value = _conversion!.Apply(row.Value);
            var floored = intake.Floor(row.EventStart, required);
            if (_step > required)
            {
                // A coarser row covers [start, start + step): repeated over the sensor's steps in it.
                for (var start = floored; start < row.EventStart + _step.Value; start += required)
                {
                    beliefs.Add(intake.Belief(start, value, row.BeliefTime, cumulativeProbability));
                }

                return;
            }

            if (_binStart is { } open && open != floored)
            {
                Flush(beliefs);
            }

            _binStart = floored;
            var at = 0;
            while (at < _bin.Count && _bin[at].BeliefTime != row.BeliefTime)
            {
                at++;
            }

            if (at == _bin.Count)
            {
                _bin.Add((row.BeliefTime, default));
            }

            var mean = _bin[at].Mean;
            mean.Add(value);
            _bin[at] = (row.BeliefTime, mean);
        }

        private void Flush(List<NewBelief> beliefs)
        {
            if (_binStart is not { } start)
            {
                return;
            }

            foreach (var (beliefTime, mean) in _bin)
            {
                beliefs.Add(intake.Belief(start, mean.Value ?? double.NaN, beliefTime, cumulativeProbability));
            }

            _bin.Clear();
            _binStart = null;
        }
    }
}

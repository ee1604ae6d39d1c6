namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// A flex-model or flex-context quantity after parsing: a fixed value, a sensor to read, or a time series. Values are
/// in the field's canonical unit (<see cref="QuantityKind"/>): MW, MWh, a fraction, or currency per MWh or MW.
/// </summary>
public abstract record FlexValue;

/// <summary>One value for the whole schedule.</summary>
public sealed record FixedValue(double Value) : FlexValue;

/// <summary><c>{"sensor": id}</c>: values read from the sensor's beliefs, as held at the schedule's belief time.</summary>
public sealed record SensorValue(int SensorId) : FlexValue;

/// <summary>A list of <c>{"start", "duration"|"end", "value"}</c>; gaps between segments have no value.</summary>
public sealed record SeriesValue(IReadOnlyList<TimedValue> Segments) : FlexValue;

/// <summary>One segment of a <see cref="SeriesValue"/>: <c>[Start, End)</c> in UTC, or an instant when both are equal.</summary>
public sealed record TimedValue(DateTime Start, DateTime End, double Value);

/// <summary>A sensor a flex field refers to, with the kind of values it must hold (null: the kind is checked elsewhere).</summary>
/// <param name="Path">The field path, e.g. <c>flex-context</c>, <c>consumption-price</c>.</param>
public sealed record FlexSensorReference(IReadOnlyList<string> Path, int SensorId, QuantityKind? Kind);

/// <summary>What a flex check needs to know about a referenced sensor.</summary>
/// <param name="AccountId">The account of the sensor's asset; null for a public asset.</param>
public sealed record FlexSensor(int Id, string Unit, TimeSpan EventResolution, int AssetId, int? AccountId, int? ConsultancyAccountId, string Timezone, string Attributes);

using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Data.Charts;

/// <summary>A sensor and its series, one per source, ordered by source id.</summary>
public sealed record SensorChart(Sensor Sensor, IReadOnlyList<ChartSeries> Series);

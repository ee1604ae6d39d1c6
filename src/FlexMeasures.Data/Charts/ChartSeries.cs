using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Charts;

/// <summary>The points of one sensor from one source, reduced when there were more than the graph can show.</summary>
/// <param name="Kind">What the source's beliefs are to a graph; see <see cref="ChartKinds"/>.</param>
/// <param name="Count">Points before any reduction.</param>
/// <param name="Bucket">The time span each kept minimum and maximum stands for; null when nothing was reduced.</param>
public sealed record ChartSeries(DataSource Source, string Kind, int Count, TimeSpan? Bucket, IReadOnlyList<ChartPoint> Points);

namespace FlexMeasures.Data.Sources;

/// <summary>A source's place among versions (<see cref="SourceVersions.Ranks"/>): ranks only compare within one group.</summary>
public readonly record struct SourceRank(int Group, int Rank);

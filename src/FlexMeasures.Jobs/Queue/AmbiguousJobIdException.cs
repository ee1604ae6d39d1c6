namespace FlexMeasures.Jobs.Queue;

/// <summary>A short job id that starts several jobs' ids.</summary>
public sealed class AmbiguousJobIdException(string prefix, IReadOnlyList<string> matches)
    : Exception($"'{prefix}' starts the ids of {matches.Count} jobs ({string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", …" : "")}); give more of the id.")
{
    public IReadOnlyList<string> Matches { get; } = matches;
}

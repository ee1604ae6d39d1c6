using System.Globalization;

namespace FlexMeasures.Data.Sources;

/// <summary>
/// FlexMeasures' rule for sources that are versions of one another: sources with the same name, type and
/// model form a group, and only the highest version counts (missing version = 0.0.0; a tie goes to the higher id).
/// Readers apply it per event (<see cref="KeepLatestPerEvent{T}"/>), as FlexMeasures does by default
/// (<c>use_latest_version_per_event</c>): an event only an older version has a belief about keeps that belief.
/// </summary>
public static class SourceVersions
{
    /// <summary>The ids of the sources that are the latest version in their group.</summary>
    public static IReadOnlySet<int> Latest(IEnumerable<DataSource> sources) =>
        Ranks(sources)
            .GroupBy(r => r.Value.Group)
            .Select(g => g.MaxBy(r => r.Value.Rank).Key)
            .ToHashSet();

    /// <summary>
    /// Each source's group (sources with the same name, type and model share one) and its rank in the whole set:
    /// within a group, a higher rank is a later version.
    /// </summary>
    public static IReadOnlyDictionary<int, SourceRank> Ranks(IEnumerable<DataSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var groups = new Dictionary<(string Name, string? Type, string? Model), int>();
        return sources
            .DistinctBy(s => s.Id)
            .OrderBy(s => Parse(s.Version)).ThenBy(s => s.Id)
            .Select((s, rank) => (s.Id, Rank: new SourceRank(GroupOf(groups, (s.Name, s.Type, s.Model)), rank)))
            .ToDictionary(r => r.Id, r => r.Rank);
    }

    /// <summary>
    /// Of the beliefs about one event, those of the latest version in each group that has a belief about it. Sources
    /// missing from <paramref name="ranks"/> are kept as they are (nothing is known to outrank them).
    /// </summary>
    public static IEnumerable<T> KeepLatestPerEvent<T>(IReadOnlyCollection<T> eventBeliefs, Func<T, int> sourceOf, IReadOnlyDictionary<int, SourceRank> ranks)
    {
        ArgumentNullException.ThrowIfNull(eventBeliefs);
        ArgumentNullException.ThrowIfNull(sourceOf);
        ArgumentNullException.ThrowIfNull(ranks);
        var best = new Dictionary<int, int>();
        foreach (var belief in eventBeliefs)
        {
            if (ranks.TryGetValue(sourceOf(belief), out var rank) && (!best.TryGetValue(rank.Group, out var top) || rank.Rank > top))
            {
                best[rank.Group] = rank.Rank;
            }
        }

        return eventBeliefs.Where(b => !ranks.TryGetValue(sourceOf(b), out var rank) || best[rank.Group] == rank.Rank);
    }

    /// <summary>A comparable version; parts that are not numbers count as 0.</summary>
    public static Version Parse(string? version)
    {
        var parts = (version ?? "").Split('.', '-', '+').Take(4)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .ToList();
        while (parts.Count < 4)
        {
            parts.Add(0);
        }

        return new Version(parts[0], parts[1], parts[2], parts[3]);
    }

    private static int GroupOf(Dictionary<(string Name, string? Type, string? Model), int> groups, (string Name, string? Type, string? Model) key)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = groups.Count;
            groups[key] = group;
        }

        return group;
    }
}

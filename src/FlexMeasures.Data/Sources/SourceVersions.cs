using System.Globalization;

namespace FlexMeasures.Data.Sources;

/// <summary>
/// FlexMeasures' rule for sources that are versions of one another: sources with the same name, type and
/// model form a group, and only the highest version counts (missing version = 0.0.0; a tie goes to the higher id).
/// </summary>
public static class SourceVersions
{
    /// <summary>The ids of the sources that are the latest version in their group.</summary>
    public static IReadOnlySet<int> Latest(IEnumerable<DataSource> sources) =>
        sources
            .GroupBy(s => (s.Name, s.Type, s.Model))
            .Select(g => g.OrderByDescending(s => Parse(s.Version)).ThenByDescending(s => s.Id).First().Id)
            .ToHashSet();

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
}

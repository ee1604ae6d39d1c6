using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Assets;

/// <summary>An asset with all its descendants.</summary>
public static class AssetTree
{
    /// <summary>The ids of the asset and of every asset below it.</summary>
    public static async Task<List<int>> DescendantsAndSelfAsync(FlexMeasuresDbContext db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = new List<int> { id };
        var frontier = new List<int> { id };
        while (frontier.Count > 0)
        {
            var current = frontier;
            frontier = await db.GenericAssets.Where(a => a.ParentAssetId != null && current.Contains(a.ParentAssetId.Value))
                .Select(a => a.Id).ToListAsync(cancellationToken);
            all.AddRange(frontier);
        }

        return all;
    }
}

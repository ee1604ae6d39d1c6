using FlexMeasures.Api.Access;
using FlexMeasures.Api.Ui.Graphs;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ui.Pages.Assets;

/// <summary>An asset's page: its properties and sensors, and (partial <c>_AssetGraph</c>) the graph of its sensors.</summary>
internal sealed class AssetModel(FlexMeasuresDbContext db, Authorizer authorizer, TimeProvider clock) : UiPageModel
{
    public GenericAsset Asset { get; private set; } = null!;

    public GraphView Graph { get; private set; } = null!;

    public async Task OnGetAsync(int id, string? period, string? date, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(Viewer, id, Permission.Read, cancellationToken);
        Asset = await db.GenericAssets.AsNoTracking()
            .Include(a => a.GenericAssetType).Include(a => a.Account).Include(a => a.Sensors)
            .SingleAsync(a => a.Id == id, cancellationToken);

        // An asset has no time zone of its own: that of most of its sensors, else the user's.
        var zone = Asset.Sensors.GroupBy(s => s.Timezone).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => TimeZoneInfo.TryFindSystemTimeZoneById(g.Key, out var z) ? z : null).FirstOrDefault(z => z is not null)
            ?? await ViewerZoneAsync(db, cancellationToken);
        Graph = GraphView.Read("assets", id, period, date, zone, clock);
    }
}

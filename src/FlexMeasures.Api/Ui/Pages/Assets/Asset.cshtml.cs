using FlexMeasures.Api.Access;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ui.Pages.Assets;

/// <summary>An asset's page: its properties and sensors, and (partial <c>_AssetGraph</c>) the graph of its sensors.</summary>
internal sealed class AssetModel(FlexMeasuresDbContext db, Authorizer authorizer) : UiPageModel
{
    public GenericAsset Asset { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await authorizer.RequireAssetAsync(Viewer, id, Permission.Read, cancellationToken);
        Asset = await db.GenericAssets.AsNoTracking()
            .Include(a => a.GenericAssetType).Include(a => a.Account).Include(a => a.Sensors)
            .SingleAsync(a => a.Id == id, cancellationToken);
    }
}

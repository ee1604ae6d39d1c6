using System.Text.Json;
using FlexMeasures.Api.Access;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Ui.Pages;

/// <summary>
/// The dashboard: every asset the user may read, grouped by account and asset type, with each sensor's latest
/// value, and a map of the assets that have coordinates.
/// </summary>
internal sealed class IndexModel(FlexMeasuresDbContext db, TimeProvider clock, IOptions<UiOptions> options) : UiPageModel
{
    public IReadOnlyList<AccountGroup> Accounts { get; private set; } = [];

    /// <summary>The map's markers as JSON (for the page's map script); null when no asset has coordinates.</summary>
    public string? MapData { get; private set; }

    public UiOptions Options => options.Value;


    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // One statement: the readable assets with their sensors and, per sensor, its latest event up to now (the
        // most recent belief about it), by the (sensor, event start) index.
        var assets = await db.GenericAssets.AsNoTracking()
            .Where(AccessPolicy.ReadableAssets(Viewer))
            .OrderBy(a => a.GenericAssetType!.Name).ThenBy(a => a.Name)
            .Select(a => new DashboardAsset(
                a.Id,
                a.Name,
                a.GenericAssetType!.Name,
                a.AccountId,
                a.Account == null ? null : a.Account.Name,
                a.ParentAssetId,
                a.Latitude,
                a.Longitude,
                a.Sensors.OrderBy(s => s.Name).Select(s => new DashboardSensor(
                    s.Id,
                    s.Name,
                    s.Unit,
                    db.TimedBeliefs.Where(b => b.SensorId == s.Id && b.EventStart <= now)
                        .OrderByDescending(b => b.EventStart).ThenBy(b => b.BeliefHorizon)
                        .Select(b => new LatestValue(b.EventStart, b.EventValue))
                        .FirstOrDefault())).ToList()))
            .ToListAsync(cancellationToken);

        // The user's own account first, then the others they may read (consultancies), public assets last.
        var own = Viewer.AccountId;
        Accounts = [.. assets
            .GroupBy(a => (a.AccountId, a.AccountName))
            .OrderBy(byAccount => byAccount.Key.AccountId == own ? 0 : byAccount.Key.AccountId is null ? 2 : 1)
            .ThenBy(byAccount => byAccount.Key.AccountName, StringComparer.Ordinal)
            .Select(byAccount => new AccountGroup(
                byAccount.Key.AccountName ?? "Public assets",
                [.. byAccount.GroupBy(a => a.TypeName).Select(byType => new TypeGroup(byType.Key, [.. byType]))]))];

        var located = assets.Where(a => a is { Latitude: not null, Longitude: not null })
            .Select(a => new { id = a.Id, name = a.Name, type = a.TypeName, lat = a.Latitude, lon = a.Longitude })
            .ToList();
        MapData = located.Count == 0 ? null : JsonSerializer.Serialize(located);
    }

    internal sealed record AccountGroup(string Name, IReadOnlyList<TypeGroup> Types);

    internal sealed record TypeGroup(string Name, IReadOnlyList<DashboardAsset> Assets);

    internal sealed record DashboardAsset(
        int Id, string Name, string TypeName, int? AccountId, string? AccountName, int? ParentAssetId, double? Latitude, double? Longitude, IReadOnlyList<DashboardSensor> Sensors);

    internal sealed record DashboardSensor(int Id, string Name, string Unit, LatestValue? Latest);

    internal sealed record LatestValue(DateTime EventStart, double Value);
}

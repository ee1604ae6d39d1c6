using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Administration;

/// <summary>
/// The structure every installation starts from (FlexMeasures' <c>db-populate --structure</c>): user roles,
/// account roles, asset types and the platform's own data sources. Idempotent.
/// </summary>
public sealed class InitialStructure(FlexMeasuresDbContext db)
{
    /// <summary>Asset types FlexMeasures' demos and schedulers expect.</summary>
    public static IReadOnlyList<(string Name, string Description)> AssetTypes { get; } =
    [
        ("solar", "solar panel(s)"),
        ("wind", "wind turbine"),
        ("one-way_evse", "uni-directional Electric Vehicle Supply Equipment"),
        ("two-way_evse", "bi-directional Electric Vehicle Supply Equipment"),
        ("battery", "stationary battery"),
        ("building", "building"),
        ("process", "industrial process"),
        ("heat-storage", "heat storage, e.g. a hot water tank"),
        ("weather station", "weather station"),
    ];

    /// <summary>The platform's own data sources: name and type.</summary>
    public static IReadOnlyList<(string Name, string Type)> DataSources { get; } =
    [
        ("FlexMeasures", "demo script"),
        ("FlexMeasures", "forecaster"),
        ("FlexMeasures", "scheduler"),
    ];

    /// <summary>Adds what is missing and returns how many rows of each kind were added.</summary>
    public Task<InitialStructureResult> EnsureAsync(CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var roleNames = await db.Roles.Select(r => r.Name).ToListAsync(ct);
                var roles = UserRoles.Standard.Where(r => !roleNames.Contains(r.Name))
                    .Select(r => new Role { Name = r.Name, Description = r.Description }).ToList();
                var accountRoleNames = await db.AccountRoles.Select(r => r.Name).ToListAsync(ct);
                var accountRoles = AccountRoles.Standard.Where(r => !accountRoleNames.Contains(r.Name))
                    .Select(r => new AccountRole { Name = r.Name, Description = r.Description }).ToList();
                var typeNames = await db.GenericAssetTypes.Select(t => t.Name).ToListAsync(ct);
                var types = AssetTypes.Where(t => !typeNames.Contains(t.Name))
                    .Select(t => new GenericAssetType { Name = t.Name, Description = t.Description }).ToList();
                var sources = new List<DataSource>();
                foreach (var (name, type) in DataSources)
                {
                    if (!await db.DataSources.AnyAsync(s => s.Name == name && s.Type == type && s.UserId == null && s.AccountId == null, ct))
                    {
                        sources.Add(new DataSource { Name = name, Type = type });
                    }
                }

                db.AddRange(roles);
                db.AddRange(accountRoles);
                db.AddRange(types);
                db.AddRange(sources);
                return new InitialStructureResult(roles.Count, accountRoles.Count, types.Count, sources.Count);
            },
            cancellationToken);
}

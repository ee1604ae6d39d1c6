using System.CommandLine;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Administration;

/// <summary><c>flexmeasures show …</c>: list structure as tables (or <c>--json</c>).</summary>
internal static class ShowCommands
{
    public static Command Create(CliContext context)
    {
        var show = new Command("show", "List accounts, users, roles, asset types, assets, sensors and data sources.");
        show.Subcommands.Add(List(context, "accounts", "List accounts.", (db, _, ct) => Accounts(db, null, ct)));
        show.Subcommands.Add(AccountCommand(context));
        show.Subcommands.Add(List(context, "users", "List users.", (db, _, ct) => Users(db, null, ct)));
        show.Subcommands.Add(List(context, "roles", "List user roles and account roles.", Roles));
        show.Subcommands.Add(List(context, "asset-types", "List asset types.", (db, _, ct) =>
            db.GenericAssetTypes.AsNoTracking().OrderBy(t => t.Id).Select(t => new AssetTypeRow(t.Id, t.Name, t.Description)).ToListAsync(ct)));
        show.Subcommands.Add(AssetsCommand(context));
        show.Subcommands.Add(AssetCommand(context));
        show.Subcommands.Add(SensorsCommand(context));
        show.Subcommands.Add(DataSourcesCommand(context));
        show.Subcommands.Add(Beliefs.BeliefCommands.Show(context));
        show.Subcommands.Add(Forecasts.ForecastCommands.Accuracy(context));
        show.Subcommands.Add(Scheduling.ScheduleCommands.Show(context));
        show.Subcommands.Add(Reporting.ReportCommands.Show(context));
        show.Subcommands.Add(Annotations.AnnotationCommands.Show(context));
        return show;
    }

    private static Command List<T>(CliContext context, string name, string description, Func<FlexMeasuresDbContext, ParseResult, CancellationToken, Task<List<T>>> query)
    {
        var json = JsonOption();
        var command = new Command(name, description) { json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var rows = await query(services.GetRequiredService<FlexMeasuresDbContext>(), parse, token);
                await Listing.WriteAsync(context, rows, parse.GetValue(json));
                return 0;
            },
            ct));
        return command;
    }

    private static Command AccountCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Account id.", Required = true };
        var json = JsonOption();
        var command = new Command("account", "Show one account with its users and assets.") { id, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var db = services.GetRequiredService<FlexMeasuresDbContext>();
                var accountId = parse.GetValue(id);
                var account = await Accounts(db, accountId, token);
                if (account.Count == 0)
                {
                    throw new CliUserException($"--id: no account with id {accountId}.");
                }

                var users = await Users(db, accountId, token);
                var assets = await Assets(db, accountId, null, token);
                if (parse.GetValue(json))
                {
                    await Listing.WriteAsync(context, [new { Account = account[0], Users = users, Assets = assets }], json: true);
                    return 0;
                }

                await Listing.WriteAsync(context, account, json: false, "Account");
                await Listing.WriteAsync(context, users, json: false, "Users");
                await Listing.WriteAsync(context, assets, json: false, "Assets");
                return 0;
            },
            ct));
        return command;
    }

    private static Command AssetsCommand(CliContext context)
    {
        var account = new Option<int?>("--account") { Description = "Only the assets of this account." };
        var json = JsonOption();
        var command = new Command("assets", "List assets.") { account, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var rows = await Assets(services.GetRequiredService<FlexMeasuresDbContext>(), parse.GetValue(account), null, token);
                await Listing.WriteAsync(context, rows, parse.GetValue(json));
                return 0;
            },
            ct));
        return command;
    }

    private static Command AssetCommand(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "Asset id.", Required = true };
        var json = JsonOption();
        var command = new Command("asset", "Show one asset with its child assets and sensors.") { id, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var db = services.GetRequiredService<FlexMeasuresDbContext>();
                var assetId = parse.GetValue(id);
                var asset = await Assets(db, null, assetId, token);
                if (asset.Count == 0)
                {
                    throw new CliUserException($"--id: no asset with id {assetId}.");
                }

                var children = await db.GenericAssets.AsNoTracking().Where(a => a.ParentAssetId == assetId).OrderBy(a => a.Id)
                    .Select(a => new AssetRow(a.Id, a.Name, a.GenericAssetType!.Name, a.AccountId, a.ParentAssetId, a.Latitude, a.Longitude, a.Attributes)).ToListAsync(token);
                var sensors = await Sensors(db, assetId, token);
                if (parse.GetValue(json))
                {
                    await Listing.WriteAsync(context, [new { Asset = asset[0], ChildAssets = children, Sensors = sensors }], json: true);
                    return 0;
                }

                await Listing.WriteAsync(context, asset, json: false, "Asset");
                await Listing.WriteAsync(context, children, json: false, "Child assets");
                await Listing.WriteAsync(context, sensors, json: false, "Sensors");
                return 0;
            },
            ct));
        return command;
    }

    private static Command SensorsCommand(CliContext context)
    {
        var asset = new Option<int?>("--asset") { Description = "Only the sensors of this asset." };
        var json = JsonOption();
        var command = new Command("sensors", "List sensors.") { asset, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var rows = await Sensors(services.GetRequiredService<FlexMeasuresDbContext>(), parse.GetValue(asset), token);
                await Listing.WriteAsync(context, rows, parse.GetValue(json));
                return 0;
            },
            ct));
        return command;
    }

    private static Command DataSourcesCommand(CliContext context)
    {
        var showAttributes = new Option<bool>("--show-attributes") { Description = "Include each source's JSON attributes." };
        var json = JsonOption();
        var command = new Command("data-sources", "List data sources.") { showAttributes, json };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var db = services.GetRequiredService<FlexMeasuresDbContext>();
                var query = db.DataSources.AsNoTracking().OrderBy(s => s.Id);
                if (parse.GetValue(showAttributes))
                {
                    await Listing.WriteAsync(context, await query.Select(s => new SourceWithAttributesRow(s.Id, s.Name, s.Type, s.Model, s.Version, s.UserId, s.AccountId, s.Attributes)).ToListAsync(token), parse.GetValue(json));
                }
                else
                {
                    await Listing.WriteAsync(context, await query.Select(s => new SourceRow(s.Id, s.Name, s.Type, s.Model, s.Version, s.UserId, s.AccountId)).ToListAsync(token), parse.GetValue(json));
                }

                return 0;
            },
            ct));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of a table." };

    private static Task<List<AccountRow>> Accounts(FlexMeasuresDbContext db, int? id, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().Where(a => id == null || a.Id == id).OrderBy(a => a.Id)
            .Select(a => new AccountRow(
                a.Id,
                a.Name,
                a.AccountRoles.OrderBy(r => r.Name).Select(r => r.Name).ToList(),
                a.ConsultancyAccountId,
                db.Users.Count(u => u.AccountId == a.Id),
                db.GenericAssets.Count(g => g.AccountId == a.Id)))
            .ToListAsync(cancellationToken);

    private static Task<List<UserRow>> Users(FlexMeasuresDbContext db, int? accountId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => accountId == null || u.AccountId == accountId).OrderBy(u => u.Id)
            .Select(u => new UserRow(u.Id, u.Username, u.Email, u.AccountId, u.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList(), u.Timezone, u.Active, u.LastLoginAt))
            .ToListAsync(cancellationToken);

    private static async Task<List<RoleRow>> Roles(FlexMeasuresDbContext db, ParseResult parse, CancellationToken cancellationToken) =>
    [
        .. await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoleRow("user", r.Name, r.Description)).ToListAsync(cancellationToken),
        .. await db.AccountRoles.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoleRow("account", r.Name, r.Description)).ToListAsync(cancellationToken),
    ];

    private static Task<List<AssetRow>> Assets(FlexMeasuresDbContext db, int? accountId, int? assetId, CancellationToken cancellationToken) =>
        db.GenericAssets.AsNoTracking()
            .Where(a => (accountId == null || a.AccountId == accountId) && (assetId == null || a.Id == assetId))
            .OrderBy(a => a.Id)
            .Select(a => new AssetRow(a.Id, a.Name, a.GenericAssetType!.Name, a.AccountId, a.ParentAssetId, a.Latitude, a.Longitude, a.Attributes))
            .ToListAsync(cancellationToken);

    private static async Task<List<SensorRow>> Sensors(FlexMeasuresDbContext db, int? assetId, CancellationToken cancellationToken) =>
        (await db.Sensors.AsNoTracking().Where(s => assetId == null || s.GenericAssetId == assetId).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.Unit, s.EventResolution, s.Timezone, s.GenericAssetId, s.KnowledgeHorizonFnc, s.Attributes })
            .ToListAsync(cancellationToken))
        .ConvertAll(s => new SensorRow(s.Id, s.Name, s.Unit, IsoDuration.Format(s.EventResolution), s.Timezone, s.GenericAssetId, s.KnowledgeHorizonFnc, s.Attributes));
}

using FlexMeasures.Data.Database;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Accounts;

/// <summary>Creates and deletes accounts, one transaction each.</summary>
public sealed class AccountService(FlexMeasuresDbContext db, AuditTrail audit)
{
    /// <exception cref="InvalidInputException">Duplicate name, unknown role or consultancy account.</exception>
    public Task<Account> CreateAsync(string name, IReadOnlyCollection<string> roles, int? consultancyAccountId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                name = TextRules.Name(name, "name", 100);

                if (await db.Accounts.AnyAsync(a => a.Name == name, ct))
                {
                    throw new InvalidInputException("name", $"an account named '{name}' already exists");
                }

                if (consultancyAccountId is { } consultancy && !await db.Accounts.AnyAsync(a => a.Id == consultancy, ct))
                {
                    throw new InvalidInputException("consultancy", $"no account with id {consultancy}");
                }

                var account = new Account { Name = name, ConsultancyAccountId = consultancyAccountId };
                foreach (var role in await FindOrCreateRolesAsync(roles, ct))
                {
                    account.AccountRoles.Add(role);
                }

                db.Accounts.Add(account);
                await db.SaveChangesAsync(ct);
                audit.UserEvent($"Account {account.Name} (id {account.Id}) created", null, account.Id);
                return account;
            },
            cancellationToken);

    /// <summary>What deleting the account removes: its users, assets (with their sensors and beliefs).</summary>
    public async Task<AccountDeletion> DescribeDeletionAsync(int id, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new InvalidInputException("id", $"no account with id {id}");
        var assetIds = db.GenericAssets.Where(a => a.AccountId == id).Select(a => a.Id);
        var sensorIds = db.Sensors.Where(s => assetIds.Contains(s.GenericAssetId)).Select(s => s.Id);
        return new AccountDeletion(
            account.Name,
            await db.Users.CountAsync(u => u.AccountId == id, cancellationToken),
            await assetIds.CountAsync(cancellationToken),
            await sensorIds.CountAsync(cancellationToken),
            await db.TimedBeliefs.CountAsync(b => sensorIds.Contains(b.SensorId), cancellationToken));
    }

    /// <summary>Deletes the account with its users, assets, sensors and their beliefs.</summary>
    public Task DeleteAsync(int id, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no account with id {id}");
                if (await db.Accounts.AnyAsync(a => a.ConsultancyAccountId == id, ct))
                {
                    await db.Accounts.Where(a => a.ConsultancyAccountId == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConsultancyAccountId, (int?)null), ct);
                }

                var users = await db.Users.Where(u => u.AccountId == id).Select(u => new { u.Id, u.Username }).ToListAsync(ct);
                await db.Users.Where(u => u.AccountId == id).ExecuteDeleteAsync(ct);
                await db.Accounts.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
                foreach (var user in users)
                {
                    audit.UserEvent($"User {user.Username} (id {user.Id}) deleted with account {account.Name}", user.Id, id);
                }

                audit.UserEvent($"Account {account.Name} (id {id}) deleted", null, id);
            },
            cancellationToken);

    private Task<List<AccountRole>> FindOrCreateRolesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        StandardRoles.FindOrCreateAsync(
            db.AccountRoles, names, AccountRoles.Standard, r => r.Name, (name, description) => new AccountRole { Name = name, Description = description }, "account role", cancellationToken);
}

using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Accounts;

/// <summary>Creates, updates and deletes accounts, one transaction and one audit log entry each.</summary>
public sealed class AccountService(FlexMeasuresDbContext db, AuditTrail audit)
{
    public const int MaxNameLength = 100;

    /// <summary>Creates an account; an <paramref name="actor"/> who is no admin makes it a client of their own account.</summary>
    /// <param name="actor">Who asks (null: the command line, which may name any consultancy).</param>
    /// <exception cref="InvalidInputException">Duplicate name, unknown role or consultancy account.</exception>
    /// <exception cref="NotPermittedException">The actor may not name this consultancy.</exception>
    public Task<Account> CreateAsync(string name, IReadOnlyCollection<string> roles, int? consultancyAccountId, Actor? actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                name = await UniqueNameAsync(name, null, ct);
                if (actor is { IsAdmin: false })
                {
                    // FlexMeasures: accounts a consultant creates are their clients.
                    consultancyAccountId ??= actor.AccountId;
                }

                await CheckConsultancyAsync(consultancyAccountId, null, actor, ct);
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

    /// <summary>
    /// Applies <paramref name="changes"/> with FlexMeasures' checks and writes one audit log entry naming the changed
    /// fields (none when nothing changed). Only admins (and the command line) change plans and account roles.
    /// </summary>
    /// <param name="actor">Who asks (null: the command line).</param>
    /// <exception cref="InvalidInputException">Unknown account, or a value FlexMeasures refuses.</exception>
    /// <exception cref="NotPermittedException">The actor may not change that field so.</exception>
    public Task<Account> UpdateAsync(int id, AccountChanges changes, Actor? actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(changes);
                var account = await db.Accounts.Include(a => a.AccountRoles).SingleOrDefaultAsync(a => a.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no account with id {id}");
                var changed = new List<string>();
                void Set<T>(string field, T current, T value, Action<T> store)
                {
                    if (!EqualityComparer<T>.Default.Equals(current, value))
                    {
                        store(value);
                        changed.Add(field);
                    }
                }

                if (changes.Name is not null)
                {
                    Set("name", account.Name, await UniqueNameAsync(changes.Name, id, ct), v => account.Name = v);
                }

                if (changes.PrimaryColor is { } primary)
                {
                    Set("primary_color", account.PrimaryColor, Branding.Color(primary.Value, "primary_color"), v => account.PrimaryColor = v);
                }

                if (changes.SecondaryColor is { } secondary)
                {
                    Set("secondary_color", account.SecondaryColor, Branding.Color(secondary.Value, "secondary_color"), v => account.SecondaryColor = v);
                }

                if (changes.LogoUrl is { } logo)
                {
                    Set("logo_url", account.LogoUrl, Branding.LogoUrl(logo.Value, "logo_url"), v => account.LogoUrl = v);
                }

                if (changes.ConsultancyAccountId is { } consultancy)
                {
                    await CheckConsultancyAsync(consultancy.Value, id, actor, ct);
                    Set("consultancy_account_id", account.ConsultancyAccountId, consultancy.Value, v => account.ConsultancyAccountId = v);
                }

                if (changes.PlanId is { } plan)
                {
                    await CheckPlanAsync(plan.Value, account.PlanId, actor, ct);
                    Set("plan_id", account.PlanId, plan.Value, v => account.PlanId = v);
                }

                if (changes.Attributes is not null)
                {
                    Set("attributes", account.Attributes, Json.ParseAttributes(changes.Attributes, "attributes").ToJsonString(), v => account.Attributes = v);
                }

                if (changes.AccountRoleIds is not null)
                {
                    await SetRolesAsync(account, changes.AccountRoleIds, actor, changed, ct);
                }

                if (changed.Count > 0)
                {
                    audit.UserEvent($"Account {account.Name} (id {id}) updated: {string.Join(", ", changed)}", null, id);
                }

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

    private async Task<string> UniqueNameAsync(string name, int? exceptId, CancellationToken cancellationToken)
    {
        name = TextRules.Name(name, "name", MaxNameLength);
        return await db.Accounts.AnyAsync(a => a.Name == name && a.Id != exceptId, cancellationToken)
            ? throw new InvalidInputException("name", $"an account named '{name}' already exists")
            : name;
    }

    /// <summary>
    /// FlexMeasures' rule for naming a consultancy: admins name any account; others need the consultant or
    /// account-admin role in an account with the Consultancy role, and may name only their own account (or none).
    /// </summary>
    private async Task CheckConsultancyAsync(int? consultancyAccountId, int? accountId, Actor? actor, CancellationToken cancellationToken)
    {
        if (actor is { IsAdmin: false })
        {
            if (!actor.AccountRoles.Contains(AccountRoles.Consultancy))
            {
                throw new NotPermittedException($"Your account must have the '{AccountRoles.Consultancy}' role to be set as a consultancy account.");
            }

            if (!actor.Has(UserRoles.Consultant) && !actor.Has(UserRoles.AccountAdmin))
            {
                throw new NotPermittedException($"You must have the '{UserRoles.Consultant}' or '{UserRoles.AccountAdmin}' role to set a consultancy account.");
            }
        }

        if (consultancyAccountId is not { } consultancy)
        {
            return;
        }

        if (consultancy == accountId)
        {
            throw new InvalidInputException("consultancy", "an account cannot be its own consultancy");
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == consultancy, cancellationToken))
        {
            throw new InvalidInputException("consultancy", $"No account found with id {consultancy}.");
        }

        if (actor is { IsAdmin: false } && consultancy != actor.AccountId)
        {
            throw new NotPermittedException("You can only set consultancy_account_id to your own account.");
        }
    }

    /// <summary>Only admins put an account on a plan; a retired (legacy) plan stays with the accounts on it but is handed out no more.</summary>
    private async Task CheckPlanAsync(int? planId, int? currentPlanId, Actor? actor, CancellationToken cancellationToken)
    {
        if (actor is { IsAdmin: false })
        {
            throw new NotPermittedException("Only platform administrators may change the plan an organisation is on.");
        }

        if (planId is not { } id || id == currentPlanId)
        {
            return;
        }

        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new InvalidInputException("plan_id", $"No plan found with id {id}.");
        if (plan.Legacy)
        {
            throw new InvalidInputException("plan_id", $"Plan '{plan.Name}' has been retired and can no longer be assigned.");
        }
    }

    /// <summary>
    /// Replaces the account roles. Only admins may: an account's roles decide what its users may do elsewhere (a
    /// Consultancy manages other accounts), so members must not grant them to themselves.
    /// </summary>
    private async Task SetRolesAsync(Account account, IReadOnlyCollection<int> roleIds, Actor? actor, List<string> changed, CancellationToken cancellationToken)
    {
        var wanted = roleIds.ToHashSet();
        if (wanted.SetEquals(account.AccountRoles.Select(r => r.Id)))
        {
            return;
        }

        if (actor is { IsAdmin: false })
        {
            throw new NotPermittedException("Only platform administrators may change the roles of an account.");
        }

        var roles = await db.AccountRoles.Where(r => wanted.Contains(r.Id)).ToListAsync(cancellationToken);
        var unknown = wanted.Except(roles.Select(r => r.Id)).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException("account_roles", $"Invalid account role ID(s): [{string.Join(", ", unknown)}].");
        }

        account.AccountRoles.Clear();
        foreach (var role in roles)
        {
            account.AccountRoles.Add(role);
        }

        changed.Add("account_roles");
    }

    private Task<List<AccountRole>> FindOrCreateRolesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        StandardRoles.FindOrCreateAsync(
            db.AccountRoles, names, AccountRoles.Standard, r => r.Name, (name, description) => new AccountRole { Name = name, Description = description }, "account role", cancellationToken);
}

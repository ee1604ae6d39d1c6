using System.Net.Mail;
using System.Security.Cryptography;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Security;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Users;

/// <summary>Creates users (with their data source), updates them, changes passwords and deletes users; one audit log entry per change.</summary>
public sealed class UserService(FlexMeasuresDbContext db, AuditTrail audit, PasswordHasher passwords, TimeProvider clock)
{
    /// <summary>Of usernames and emails (the columns' length).</summary>
    private const int MaxLength = 255;

    /// <summary>
    /// The active user with this email and password, or null (unknown email, wrong password, inactive). Each of those
    /// costs one password verification, so response times do not tell which emails exist.
    /// </summary>
    public async Task<User?> FindByCredentialsAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            passwords.VerifyAgainstNobody(password);
            return null;
        }

        return passwords.Verify(password, user.Password) && user.Active ? user : null;
    }

    /// <summary>Writes a failed login to the audit log (never the password), against the user when the email is known.</summary>
    public async Task RecordFailedLoginAsync(string email, string? clientAddress, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => new { u.Id, u.AccountId }).SingleOrDefaultAsync(cancellationToken);
        var shown = new string([.. email.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
        audit.UserEvent($"Failed login for '{shown}' from {clientAddress ?? "an unknown address"}", user?.Id, user?.AccountId, actor: "anonymous");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <exception cref="InvalidInputException">A value is invalid or already taken.</exception>
    public Task<User> CreateAsync(NewUser request, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(request);
                var username = await UniqueUsernameAsync(request.Username, null, ct);
                var email = await UniqueEmailAsync(request.Email, null, ct);
                CheckPassword(request.Password);
                TimeZones.Find(request.Timezone);
                var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == request.AccountId, ct)
                    ?? throw new InvalidInputException("account", $"no account with id {request.AccountId}");

                var user = new User
                {
                    Username = username,
                    Email = email,
                    AccountId = account.Id,
                    Password = PasswordHasher.Hash(request.Password),
                    FsUniquifier = NewUniquifier(),
                    Timezone = request.Timezone,
                    Active = true,
                };
                foreach (var role in await FindOrCreateRolesAsync(request.Roles, ct))
                {
                    user.Roles.Add(role);
                }

                db.Users.Add(user);
                await db.SaveChangesAsync(ct);
                db.DataSources.Add(new DataSource { Name = username, Type = "user", UserId = user.Id, AccountId = account.Id });
                audit.UserEvent($"User {username} (id {user.Id}) created in account {account.Name}", user.Id, account.Id);
                return user;
            },
            cancellationToken);

    /// <summary>Counts a successful login and notes its time (FlexMeasures' <c>login_count</c>, <c>last_login_at</c>).</summary>
    public async Task RecordLoginAsync(int userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(
            set => set.SetProperty(u => u.LastLoginAt, now).SetProperty(u => u.LoginCount, u => (u.LoginCount ?? 0) + 1),
            cancellationToken);
    }

    /// <summary>Sets a new password and logs the user out everywhere (new <c>fs_uniquifier</c>).</summary>
    public Task SetPasswordAsync(string email, string password, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                CheckPassword(password);
                var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct)
                    ?? throw new InvalidInputException("email", $"no user with email {email}");
                user.Password = PasswordHasher.Hash(password);
                user.FsUniquifier = NewUniquifier();
                audit.UserEvent($"Password of user {user.Username} (id {user.Id}) reset; existing tokens revoked", user.Id, user.AccountId);
            },
            cancellationToken);

    /// <summary>
    /// Applies <paramref name="changes"/> and writes one audit log entry saying what changed (none when nothing did).
    /// Deactivating a user revokes their tokens. An <paramref name="actor"/> may not change their own activity or
    /// roles, and gives or takes each role only as <see cref="RoleGrants"/> allows.
    /// </summary>
    /// <param name="actor">Who asks (null: the command line, which may do everything).</param>
    /// <exception cref="InvalidInputException">Unknown user, role or time zone; invalid or taken email or username.</exception>
    /// <exception cref="NotPermittedException">The actor may not make this change.</exception>
    public Task<User> UpdateAsync(int id, UserChanges changes, Actor? actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(changes);
                var user = await db.Users.Include(u => u.Roles).Include(u => u.Account).SingleOrDefaultAsync(u => u.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no user with id {id}");
                if (actor?.Id == id && (changes.Active is not null || changes.RoleIds is not null))
                {
                    throw new NotPermittedException("Users who edit themselves cannot edit security-sensitive fields.");
                }

                var changed = new List<string>();
                if (changes.Email is not null && await UniqueEmailAsync(changes.Email, id, ct) is var email && email != user.Email)
                {
                    user.Email = email;
                    changed.Add("email");
                }

                if (changes.Username is not null && await UniqueUsernameAsync(changes.Username, id, ct) is var username && username != user.Username)
                {
                    user.Username = username;
                    changed.Add("username");
                }

                if (changes.Timezone is not null && changes.Timezone != user.Timezone)
                {
                    TimeZones.Find(changes.Timezone);
                    user.Timezone = changes.Timezone;
                    changed.Add("timezone");
                }

                if (changes.RoleIds is not null)
                {
                    changed.AddRange(await SetRolesAsync(user, changes.RoleIds, actor, ct));
                }

                if (changes.Active is { } active && active != user.Active)
                {
                    user.Active = active;
                    user.FsUniquifier = NewUniquifier();
                    changed.Add($"Active status set to '{(active ? "True" : "False")}'");
                }

                if (changed.Count > 0)
                {
                    audit.UserEvent($"User {user.Username} (id {user.Id}) updated: {string.Join("; ", changed)}", user.Id, user.AccountId);
                }

                return user;
            },
            cancellationToken);

    /// <summary>Deletes the user; their data source and beliefs stay, as in FlexMeasures.</summary>
    public Task<User> DeleteAsync(string email, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct)
                    ?? throw new InvalidInputException("email", $"no user with email {email}");
                db.Users.Remove(user);
                audit.UserEvent($"User {user.Username} (id {user.Id}) deleted", user.Id, user.AccountId);
                return user;
            },
            cancellationToken);

    /// <exception cref="InvalidInputException">Shorter than <see cref="PasswordHasher.MinimumLength"/>.</exception>
    public static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < PasswordHasher.MinimumLength)
        {
            throw new InvalidInputException("password", $"must be at least {PasswordHasher.MinimumLength} characters");
        }
    }

    /// <summary>Replaces the user's roles, checking each one given or taken; says what was added and removed.</summary>
    private async Task<List<string>> SetRolesAsync(User user, IReadOnlyCollection<int> roleIds, Actor? actor, CancellationToken cancellationToken)
    {
        var wanted = roleIds.ToHashSet();
        var roles = await db.Roles.Where(r => wanted.Contains(r.Id)).ToListAsync(cancellationToken);
        var unknown = wanted.Except(roles.Select(r => r.Id)).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException("flexmeasures_roles", $"Invalid role ID(s): [{string.Join(", ", unknown)}].");
        }

        var removed = user.Roles.Where(r => !wanted.Contains(r.Id)).ToList();
        var added = roles.Where(r => user.Roles.All(held => held.Id != r.Id)).ToList();
        if (actor is not null)
        {
            foreach (var (role, verb, preposition) in removed.Select(r => (r, "remove", "from")).Concat(added.Select(r => (r, "add", "to"))))
            {
                if (!RoleGrants.MayModify(actor, role.Name, user.AccountId, user.Account!.ConsultancyAccountId))
                {
                    throw new NotPermittedException($"You are not allowed to {verb} ({role.Name}) role {preposition} this user.");
                }
            }
        }

        foreach (var role in removed)
        {
            user.Roles.Remove(role);
        }

        foreach (var role in added)
        {
            user.Roles.Add(role);
        }

        var result = new List<string>();
        if (removed.Count > 0)
        {
            result.Add($"Removed role(s): [{string.Join(",", removed.Select(r => r.Name))}]");
        }

        if (added.Count > 0)
        {
            result.Add($"Added role(s): [{string.Join(",", added.Select(r => r.Name))}]");
        }

        return result;
    }

    private async Task<string> UniqueUsernameAsync(string username, int? exceptId, CancellationToken cancellationToken)
    {
        username = TextRules.Name(username, "username", MaxLength);
        return await db.Users.AnyAsync(u => u.Username == username && u.Id != exceptId, cancellationToken)
            ? throw new InvalidInputException("username", $"a user named '{username}' already exists")
            : username;
    }

    private async Task<string> UniqueEmailAsync(string email, int? exceptId, CancellationToken cancellationToken)
    {
        email = email.Trim();
        TextRules.RequirePrintable(email, "email");
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > MaxLength)
        {
            throw new InvalidInputException("email", $"'{email}' is not a valid email address");
        }

        return await db.Users.AnyAsync(u => u.Email == email && u.Id != exceptId, cancellationToken)
            ? throw new InvalidInputException("email", $"a user with email {email} already exists")
            : email;
    }

    /// <summary>A password nobody knows, for a user who gets theirs later (by an admin or the command line).</summary>
    public static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static string NewUniquifier() => Guid.NewGuid().ToString("N");

    private Task<List<Role>> FindOrCreateRolesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        StandardRoles.FindOrCreateAsync(
            db.Roles, names, UserRoles.Standard, r => r.Name, (name, description) => new Role { Name = name, Description = description }, "role", cancellationToken);
}

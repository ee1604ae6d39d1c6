using System.Net.Mail;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Security;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Users;

/// <summary>Creates users (with their data source), changes passwords and deletes users.</summary>
public sealed class UserService(FlexMeasuresDbContext db, AuditTrail audit, PasswordHasher passwords, TimeProvider clock)
{
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
                var username = TextRules.Name(request.Username, "username", 255);
                var email = request.Email.Trim();
                TextRules.RequirePrintable(email, "email");

                if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 255)
                {
                    throw new InvalidInputException("email", $"'{email}' is not a valid email address");
                }

                CheckPassword(request.Password);
                TimeZones.Find(request.Timezone);
                var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == request.AccountId, ct)
                    ?? throw new InvalidInputException("account", $"no account with id {request.AccountId}");
                if (await db.Users.AnyAsync(u => u.Email == email, ct))
                {
                    throw new InvalidInputException("email", $"a user with email {email} already exists");
                }

                if (await db.Users.AnyAsync(u => u.Username == username, ct))
                {
                    throw new InvalidInputException("username", $"a user named '{username}' already exists");
                }

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

    /// <summary>Changes the given properties (null: unchanged); deactivating a user revokes their tokens.</summary>
    /// <exception cref="InvalidInputException">Unknown user or time zone.</exception>
    public Task<User> UpdateAsync(int id, string? timezone, bool? active, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct)
                    ?? throw new InvalidInputException("id", $"no user with id {id}");
                if (timezone is not null)
                {
                    TimeZones.Find(timezone);
                    user.Timezone = timezone;
                }

                if (active is { } isActive && isActive != user.Active)
                {
                    user.Active = isActive;
                    user.FsUniquifier = NewUniquifier();
                }

                audit.UserEvent($"User {user.Username} (id {user.Id}) updated", user.Id, user.AccountId);
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

    private static string NewUniquifier() => Guid.NewGuid().ToString("N");

    private Task<List<Role>> FindOrCreateRolesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        StandardRoles.FindOrCreateAsync(
            db.Roles, names, UserRoles.Standard, r => r.Name, (name, description) => new Role { Name = name, Description = description }, "role", cancellationToken);
}

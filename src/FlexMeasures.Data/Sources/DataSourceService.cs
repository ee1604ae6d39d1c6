using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Sources;

/// <summary>Creates data sources and finds them by id or name.</summary>
public sealed class DataSourceService(FlexMeasuresDbContext db)
{
    private static readonly SemaphoreSlim GeneratorCreation = new(1, 1);

    /// <exception cref="InvalidInputException">Empty name, unknown account, or an identical source exists.</exception>
    public Task<DataSource> CreateAsync(string name, string? type, string? model, string? version, int? accountId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                name = TextRules.Name(name, "name", 120);

                if (version is { Length: > 17 })
                {
                    throw new InvalidInputException("version", "must be at most 17 characters");
                }

                if (accountId is { } id && !await db.Accounts.AnyAsync(a => a.Id == id, ct))
                {
                    throw new InvalidInputException("account", $"no account with id {id}");
                }

                if (await db.DataSources.AnyAsync(s => s.Name == name && s.Type == type && s.Model == model && s.Version == version && s.AccountId == accountId && s.UserId == null, ct))
                {
                    throw new InvalidInputException("name", $"a data source '{name}' of type '{type}' with that model and version already exists");
                }

                var source = new DataSource { Name = name, Type = type, Model = model, Version = version, AccountId = accountId };
                db.DataSources.Add(source);
                return source;
            },
            cancellationToken);

    /// <summary>A source by id (digits) or by name; a name shared by several sources is an error.</summary>
    /// <exception cref="InvalidInputException">No such source, or the name is ambiguous.</exception>
    public async Task<DataSource> FindAsync(string idOrName, CancellationToken cancellationToken) =>
        await FindOrDefaultAsync(idOrName, cancellationToken)
            ?? throw new InvalidInputException("source", $"no data source named '{idOrName}'");

    /// <summary>
    /// A source by id or name, as <see cref="FindAsync"/>; a name no source has makes a new source of
    /// <paramref name="newType"/> (saved in the caller's transaction, which must be open).
    /// </summary>
    /// <exception cref="InvalidInputException">Unknown id, or the name is ambiguous.</exception>
    public async Task<(DataSource Source, bool Created)> FindOrCreateAsync(string idOrName, string newType, CancellationToken cancellationToken)
    {
        // Two imports naming the same new source make one source: the second waits for the first to commit.
        await db.LockNameAsync("data_source:" + idOrName, cancellationToken);

        if (await FindOrDefaultAsync(idOrName, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var source = new DataSource { Name = TextRules.Name(idOrName, "source", 120), Type = newType };
        db.DataSources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return (source, true);
    }

    /// <summary>
    /// The data source of a user (type <c>user</c>, with the user's account), made on first use as FlexMeasures does;
    /// saved in the caller's transaction, which must be open.
    /// </summary>
    public Task<(DataSource Source, bool Created)> UserSourceAsync(int userId, string userName, int accountId, CancellationToken cancellationToken) =>
        FindOrCreateUserSourceAsync(userId, _ => Task.FromResult((userName, accountId)), cancellationToken);

    /// <summary>
    /// The user's data source as <see cref="UserSourceAsync"/>, for a user known by id only; within the caller's
    /// transaction when one is open, else in its own.
    /// </summary>
    /// <exception cref="InvalidInputException">No user with this id (field <c>user</c>).</exception>
    public async Task<DataSource> ForUserAsync(int userId, CancellationToken cancellationToken)
    {
        var (source, _) = db.Database.CurrentTransaction is null
            ? await db.InTransactionAsync(ct => FindOrCreateUserSourceAsync(userId, UserNameAndAccountAsync, ct), cancellationToken)
            : await FindOrCreateUserSourceAsync(userId, UserNameAndAccountAsync, cancellationToken);
        return source;

        async Task<(string, int)> UserNameAndAccountAsync(CancellationToken ct)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Username, u.Email, u.AccountId }).SingleOrDefaultAsync(ct)
                ?? throw new InvalidInputException("user", $"no user with id {userId}");
            return (user.Username ?? user.Email, user.AccountId);
        }
    }

    private async Task<(DataSource Source, bool Created)> FindOrCreateUserSourceAsync(
        int userId, Func<CancellationToken, Task<(string Name, int AccountId)>> user, CancellationToken cancellationToken)
    {
        // A user's first posts may arrive together: one source for all of them.
        await db.LockNameAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"user_source:{userId}"), cancellationToken);
        var source = await db.DataSources.Where(s => s.UserId == userId).OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (source is not null)
        {
            return (source, false);
        }

        var (name, accountId) = await user(cancellationToken);
        source = new DataSource { Name = name, Type = "user", UserId = userId, AccountId = accountId };
        db.DataSources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return (source, true);
    }

    /// <summary>
    /// The source of a program that makes data (type <c>forecaster</c>, <c>scheduler</c>, …) by name, type, model and
    /// version (null: none), created (and committed) when missing; safe when several workers ask at once.
    /// </summary>
    public Task<DataSource> GetOrCreateGeneratorAsync(string name, string type, string model, string? version, CancellationToken cancellationToken) =>
        GetOrCreateGeneratorAsync(name, type, model, version, null, cancellationToken);

    /// <summary>
    /// As <see cref="GetOrCreateGeneratorAsync(string, string, string, string?, CancellationToken)"/>, for a program whose
    /// configuration is part of its identity (a reporter): sources with other <paramref name="attributes"/> are other
    /// sources (<see cref="SourceAttributes.Hash"/>); null: a source without attributes.
    /// </summary>
    public async Task<DataSource> GetOrCreateGeneratorAsync(
        string name, string type, string model, string? version, System.Text.Json.Nodes.JsonObject? attributes, CancellationToken cancellationToken)
    {
        var hash = attributes is null ? null : SourceAttributes.Hash(attributes);
        var existing = await FindGeneratorAsync(name, type, model, version, hash, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        // The unique key holds nullable columns, which PostgreSQL never counts as equal: serialise creators instead.
        await GeneratorCreation.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockNameAsync($"data_source:{name}:{version}", cancellationToken);

            existing = await FindGeneratorAsync(name, type, model, version, hash, cancellationToken);
            if (existing is null)
            {
                existing = new DataSource { Name = name, Type = type, Model = model, Version = version, Attributes = attributes?.ToJsonString() ?? "{}", AttributesHash = hash };
                db.DataSources.Add(existing);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(existing).State = EntityState.Detached;
            }

            await transaction.CommitAsync(cancellationToken);
            return existing;
        }
        finally
        {
            GeneratorCreation.Release();
        }
    }

    private Task<DataSource?> FindGeneratorAsync(string name, string type, string model, string? version, byte[]? hash, CancellationToken cancellationToken) =>
        db.DataSources.AsNoTracking()
            .Where(s => s.Name == name && s.Type == type && s.Model == model && s.Version == version && s.UserId == null && s.AttributesHash == hash)
            .OrderBy(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Null only for a name no source has; an unknown id or an ambiguous name is an error.</summary>
    private async Task<DataSource?> FindOrDefaultAsync(string idOrName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        if (int.TryParse(idOrName, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return await db.DataSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                ?? throw new InvalidInputException("source", $"no data source with id {id}");
        }

        var named = await db.DataSources.AsNoTracking().Where(s => s.Name == idOrName).OrderBy(s => s.Id).Take(3).ToListAsync(cancellationToken);
        return named.Count <= 1
            ? named.SingleOrDefault()
            : throw new InvalidInputException("source", $"several data sources are named '{idOrName}' (ids {string.Join(", ", named.Select(s => s.Id))}{(named.Count > 2 ? ", …" : "")}); give the id");
    }
}

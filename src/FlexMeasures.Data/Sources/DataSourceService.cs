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
    /// The user's data source (type <c>user</c>, named after the user, of the user's account), made on first use as
    /// FlexMeasures does; within the caller's transaction when one is open, else in its own.
    /// </summary>
    /// <exception cref="InvalidInputException">No user with this id (field <c>user</c>).</exception>
    public Task<DataSource> ForUserAsync(int userId, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null
            ? db.InTransactionAsync(ct => FindOrCreateUserSourceAsync(userId, ct), cancellationToken)
            : FindOrCreateUserSourceAsync(userId, cancellationToken);

    private async Task<DataSource> FindOrCreateUserSourceAsync(int userId, CancellationToken cancellationToken)
    {
        // A user's first posts may arrive together: one source for all of them.
        await db.LockNameAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"user_source:{userId}"), cancellationToken);
        var source = await db.DataSources.Where(s => s.UserId == userId).OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Username, u.Email, u.AccountId }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidInputException("user", $"no user with id {userId}");
            source = new DataSource { Name = user.Username ?? user.Email, Type = "user", UserId = userId, AccountId = user.AccountId };
            db.DataSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
        }

        return source;
    }

    /// <summary>
    /// The source of a program that makes data (type <c>forecaster</c>, <c>scheduler</c>, …) by name, type, model and
    /// version (null: none), created (and committed) when missing; safe when several workers ask at once.
    /// </summary>
    public async Task<DataSource> GetOrCreateGeneratorAsync(string name, string type, string model, string? version, CancellationToken cancellationToken)
    {
        var existing = await FindGeneratorAsync(name, type, model, version, cancellationToken);
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

            existing = await FindGeneratorAsync(name, type, model, version, cancellationToken);
            if (existing is null)
            {
                existing = new DataSource { Name = name, Type = type, Model = model, Version = version };
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

    private Task<DataSource?> FindGeneratorAsync(string name, string type, string model, string? version, CancellationToken cancellationToken) =>
        db.DataSources.AsNoTracking()
            .Where(s => s.Name == name && s.Type == type && s.Model == model && s.Version == version && s.UserId == null)
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

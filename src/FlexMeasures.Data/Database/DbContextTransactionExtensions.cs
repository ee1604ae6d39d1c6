using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Database;

/// <summary>The one way to run a unit of work atomically.</summary>
public static class DbContextTransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, saves the context's changes and commits; on any
    /// exception rolls back, forgets tracked changes and rethrows, so the database is exactly as before.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(
        this DbContext db,
        Func<CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <inheritdoc cref="InTransactionAsync{T}(DbContext, Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public static Task InTransactionAsync(
        this DbContext db,
        Func<CancellationToken, Task> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.InTransactionAsync<bool>(
            async ct =>
            {
                await work(ct);
                return true;
            },
            cancellationToken);
    }
}

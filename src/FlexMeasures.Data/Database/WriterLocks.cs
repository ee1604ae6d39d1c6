using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Database;

/// <summary>
/// Serialises concurrent writers of the same thing for the rest of the current transaction, so that a writer
/// checks what is stored only after an earlier writer of the same thing has committed or rolled back.
/// </summary>
/// <remarks>
/// PostgreSQL: transaction-scoped advisory locks (released at commit or rollback, also when a process dies).
/// Beliefs use the two-key lock space (sensor, source); names use the one-key space with a hash of a prefixed
/// text, so the two never collide. SQLite needs nothing: a write transaction holds the whole database from its
/// start (<c>BEGIN IMMEDIATE</c>), and others wait for it up to the busy timeout.
/// </remarks>
public static class WriterLocks
{
    /// <summary>Waits until no other transaction writes beliefs of this sensor and source.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public static async Task LockBeliefsAsync(this FlexMeasuresDbContext db, int sensorId, int sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        RequireTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({sensorId}, {sourceId})", cancellationToken);
    }

    /// <summary>Waits until no other transaction holds the lock of this name (e.g. creating a data source of that name).</summary>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public static async Task LockNameAsync(this FlexMeasuresDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        RequireTransaction(db);
        var key = "flexmeasures:" + name;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
    }

    private static void RequireTransaction(FlexMeasuresDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A writer lock lasts until the end of a transaction; begin one first.");
        }
    }
}

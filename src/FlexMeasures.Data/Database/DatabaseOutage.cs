using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlexMeasures.Data.Database;

/// <summary>
/// Tells failures of the database server itself (down, restarting, connections cut or exhausted) from errors in what
/// was asked of it: the first are worth a retry later and no fault of the request.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>True when the exception, or one it wraps, is PostgreSQL being unreachable or going away.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } and not PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the idle pooled connections to this context's database: after a server restart they are all dead, and
    /// each would fail the next request that takes it. Only this database's pool: other databases the process uses
    /// (and their requests in flight) are not touched.
    /// </summary>
    public static void ForgetConnections(FlexMeasuresDbContext? db)
    {
        if (db?.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}

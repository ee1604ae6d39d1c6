using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.TaskRuns;

/// <summary>
/// Records in <c>latest_task_run</c> when a named task last ran and whether it succeeded, in a transaction
/// of its own, so a failed task is recorded even when its own work was rolled back.
/// </summary>
public sealed class TaskRunRecorder(IDbContextFactory<FlexMeasuresDbContext> contexts, TimeProvider clock)
{
    /// <summary>Runs <paramref name="task"/> and records its outcome; the task's exception is rethrown.</summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        bool succeeded = false;
        try
        {
            await task(cancellationToken);
            succeeded = true;
        }
        finally
        {
            await RecordAsync(name, succeeded, CancellationToken.None);
        }
    }

    /// <summary>Upserts the task's row with the current time and the given status.</summary>
    public Task RecordAsync(string name, bool succeeded, CancellationToken cancellationToken) =>
        RecordAsync(name, succeeded, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Upserts the task's row with the given run time (UTC) and status.</summary>
    public async Task RecordAsync(string name, bool succeeded, DateTime ranAtUtc, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.SpecifyKind(ranAtUtc, DateTimeKind.Utc);

        // One statement, so concurrent recorders of the same task cannot collide on the primary key.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO latest_task_run (name, datetime, status) VALUES ({name}, {now}, {succeeded})
            ON CONFLICT (name) DO UPDATE SET datetime = excluded.datetime, status = excluded.status
            """,
            cancellationToken);
    }

    /// <summary>The last recorded run of the task, or null when it never ran.</summary>
    public async Task<LatestTaskRun?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.LatestTaskRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
    }
}

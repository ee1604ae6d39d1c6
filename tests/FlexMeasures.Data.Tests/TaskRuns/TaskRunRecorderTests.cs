using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.TaskRuns;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Data.Tests.TaskRuns;

public sealed class TaskRunRecorderTests
{
    [Theory]
    [BothProviders]
    public async Task RunAsync_RecordsSuccess(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var recorder = new TaskRunRecorder(database.Services.GetRequiredService<IDbContextFactory<FlexMeasuresDbContext>>(), clock);

        await recorder.RunAsync("nightly-import", _ => Task.CompletedTask, CancellationToken.None);

        var run = await recorder.FindAsync("nightly-import", CancellationToken.None);
        Assert.NotNull(run);
        Assert.True(run.Status);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, run.Datetime);
    }

    [Theory]
    [BothProviders]
    public async Task RunAsync_RecordsFailure_EvenWhenTheTasksOwnWorkWasRolledBack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var recorder = database.Services.GetRequiredService<TaskRunRecorder>();
        await recorder.RunAsync("nightly-import", _ => Task.CompletedTask, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RunAsync(
            "nightly-import",
            async ct =>
            {
                await using var db = database.CreateContext();
                await db.InTransactionAsync(
                    _ =>
                    {
                        db.Accounts.Add(new Account { Name = "half-done" });
                        throw new InvalidOperationException("import broke");
                    },
                    ct);
            },
            CancellationToken.None));

        await using var check = database.CreateContext();
        var runs = await check.LatestTaskRuns.AsNoTracking().ToListAsync();
        Assert.Equal("nightly-import", Assert.Single(runs).Name);
        Assert.False(runs[0].Status);
        Assert.Equal(0, await check.Accounts.CountAsync());
    }
}

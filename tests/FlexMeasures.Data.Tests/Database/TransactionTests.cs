using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Database;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Tests.Database;

public sealed class TransactionTests
{
    [Theory]
    [BothProviders]
    public async Task InTransactionAsync_SavesAndCommits_WhenWorkSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            await db.InTransactionAsync(
                _ =>
                {
                    db.Accounts.Add(new Account { Name = "Kept" });
                    return Task.CompletedTask;
                },
                CancellationToken.None);
        }

        await using var check = database.CreateContext();
        Assert.Equal(["Kept"], await check.Accounts.Select(a => a.Name).ToListAsync());
    }

    [Theory]
    [BothProviders]
    public async Task InTransactionAsync_LeavesTheDatabaseAsItWas_WhenWorkThrowsHalfway(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(
            async ct =>
            {
                db.Accounts.Add(new Account { Name = "Written first" });
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("second step failed");
            },
            CancellationToken.None));

        await using var check = database.CreateContext();
        Assert.Equal("second step failed", error.Message);
        Assert.Equal(0, await check.Accounts.CountAsync());
        Assert.Empty(db.ChangeTracker.Entries());
    }
}

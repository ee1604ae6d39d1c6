using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Finds or creates the data source of type <c>forecaster</c> for a model and version, safely under concurrency.</summary>
public sealed class ForecasterSources(FlexMeasuresDbContext db)
{
    public const string SourceType = "forecaster";

    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public async Task<DataSource> GetOrCreateAsync(string model, string version, CancellationToken cancellationToken)
    {
        var name = ForecastModels.SourceName(model);
        var existing = await FindAsync(name, model, version, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        // The unique key holds nullable columns, which PostgreSQL never counts as equal: serialise creators instead.
        await InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                var key = $"flexmeasures:data_source:{name}:{version}";
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
            }

            existing = await FindAsync(name, model, version, cancellationToken);
            if (existing is null)
            {
                existing = new DataSource { Name = name, Type = SourceType, Model = model, Version = version };
                db.DataSources.Add(existing);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(existing).State = EntityState.Detached;
            }

            await transaction.CommitAsync(cancellationToken);
            return existing;
        }
        finally
        {
            InProcess.Release();
        }
    }

    private Task<DataSource?> FindAsync(string name, string model, string version, CancellationToken cancellationToken) =>
        db.DataSources.AsNoTracking()
            .Where(s => s.Name == name && s.Type == SourceType && s.Model == model && s.Version == version && s.UserId == null)
            .OrderBy(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
}

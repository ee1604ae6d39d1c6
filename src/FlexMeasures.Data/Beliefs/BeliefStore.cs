using System.Threading.Channels;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Saves beliefs of one sensor and source with FlexMeasures' rules (<see cref="BeliefClassifier"/>): values that
/// are NaN are dropped, exact repeats are skipped, a belief equal to the latest earlier belief about the same
/// event from the same source is "unchanged" and skipped (a probabilistic belief is compared whole), and another
/// value for a stored (event, belief time, probability) is a replacement, refused unless overwriting is allowed.
/// </summary>
/// <remarks>
/// The input is streamed in chunks, so memory stays bounded for files of any size: the next chunk is read
/// while the current one is compared with the stored beliefs of its event range and written in one go (binary
/// COPY on PostgreSQL). Everything happens in one transaction: the caller's, or one of its own. Writers of the
/// same sensor and source take turns (<see cref="WriterLocks"/>), so concurrent saves of the same beliefs give
/// the answers sequential ones would (stored, already stored, replacement refused) instead of a key violation.
/// </remarks>
public sealed class BeliefStore(FlexMeasuresDbContext db)
{
    /// <summary>Beliefs compared and written per round trip.</summary>
    public const int ChunkSize = 50_000;

    /// <exception cref="ReplacementRefusedException">A stored value would change and <paramref name="allowOverwrite"/> is false.</exception>
    public async Task<SaveResult> SaveAsync(
        int sensorId,
        int sourceId,
        IAsyncEnumerable<NewBelief> beliefs,
        bool allowOverwrite,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beliefs);
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<List<NewBelief>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadChunksAsync(beliefs, chunks.Writer, stop.Token), stop.Token);
        try
        {
            // Before anything stored is read: a writer that went first is then committed and seen.
            await db.LockBeliefsAsync(sensorId, sourceId, cancellationToken);
            var total = new SaveResult(0, 0, 0, 0, 0, 0);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                total += await SaveChunkAsync(sensorId, sourceId, chunk, allowOverwrite, cancellationToken);
                progress?.Report(total.Received);
            }

            await reading;
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return total;
        }
        catch
        {
            await stop.CancelAsync();
            if (ownTransaction is not null)
            {
                await ownTransaction.RollbackAsync(CancellationToken.None);
            }

            throw;
        }
        finally
        {
            // The reader's own failure (a bad row) has ended the channel and is rethrown above by ReadAllAsync.
            await Task.WhenAny(reading);
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <inheritdoc cref="SaveAsync(int, int, IAsyncEnumerable{NewBelief}, bool, IProgress{long}?, CancellationToken)"/>
    public Task<SaveResult> SaveAsync(int sensorId, int sourceId, IEnumerable<NewBelief> beliefs, bool allowOverwrite, CancellationToken cancellationToken) =>
        SaveAsync(sensorId, sourceId, beliefs.ToAsyncEnumerable(), allowOverwrite, null, cancellationToken);

    /// <summary>Chunks of about <see cref="ChunkSize"/>, never splitting the beliefs about one event in sorted input.</summary>
    private static async Task ReadChunksAsync(IAsyncEnumerable<NewBelief> beliefs, ChannelWriter<List<NewBelief>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<NewBelief>(ChunkSize);
            await foreach (var belief in beliefs.WithCancellation(cancellationToken))
            {
                if (chunk.Count >= ChunkSize && belief.EventStart != chunk[^1].EventStart)
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    chunk = new List<NewBelief>(ChunkSize);
                }

                chunk.Add(belief);
            }

            if (chunk.Count > 0)
            {
                await writer.WriteAsync(chunk, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    /// <summary>Classifies the chunk against the stored beliefs of its events (<see cref="BeliefClassifier"/>) and writes the outcome.</summary>
    private async Task<SaveResult> SaveChunkAsync(int sensorId, int sourceId, List<NewBelief> chunk, bool allowOverwrite, CancellationToken cancellationToken)
    {
        var stored = BeliefClassifier.EventRange(chunk) is { } range
            ? await LoadStoredAsync(sensorId, sourceId, range.First, range.Last, cancellationToken)
            : [];
        var outcome = BeliefClassifier.Classify(chunk, stored, allowOverwrite);
        if (outcome.Refusal is { } refusal)
        {
            throw refusal.ToException();
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await BeliefWriter.InsertAsync(connection, transaction, db.Provider, sensorId, sourceId, outcome.Inserts, cancellationToken);
        await BeliefWriter.UpdateValuesAsync(connection, transaction, db.Provider, sensorId, sourceId, outcome.Replacements, cancellationToken);
        return outcome.ToResult(chunk.Count);
    }

    private async Task<List<NewBelief>> LoadStoredAsync(int sensorId, int sourceId, DateTime first, DateTime last, CancellationToken cancellationToken) =>
        await db.TimedBeliefs.AsNoTracking()
            .Where(b => b.SensorId == sensorId && b.SourceId == sourceId && b.EventStart >= first && b.EventStart <= last)
            .Select(b => new NewBelief(b.EventStart, b.BeliefHorizon, b.EventValue, b.CumulativeProbability))
            .ToListAsync(cancellationToken);
}

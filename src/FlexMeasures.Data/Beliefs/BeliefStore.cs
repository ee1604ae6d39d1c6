using System.Threading.Channels;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Saves beliefs of one sensor and source with FlexMeasures' rules: values that are NaN are dropped, exact
/// repeats are skipped, a belief equal to the latest earlier belief about the same event from the same source is
/// "unchanged" and skipped (a probabilistic belief is compared whole), and another value for a stored
/// (event, belief time, probability) is a replacement, refused unless overwriting is allowed.
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

    private static readonly Comparison<NewBelief> ChronologicalOrder = (a, b) =>
    {
        var byEvent = a.EventStart.CompareTo(b.EventStart);
        if (byEvent != 0)
        {
            return byEvent;
        }

        // Larger horizon first: the order in which the beliefs were held.
        var byHorizon = b.BeliefHorizon.CompareTo(a.BeliefHorizon);
        return byHorizon != 0 ? byHorizon : a.CumulativeProbability.CompareTo(b.CumulativeProbability);
    };

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

    private async Task<SaveResult> SaveChunkAsync(int sensorId, int sourceId, List<NewBelief> chunk, bool allowOverwrite, CancellationToken cancellationToken)
    {
        var offered = chunk.Where(b => double.IsFinite(b.Value)).ToArray();
        long empty = chunk.Count - offered.Length, duplicates = 0, unchanged = 0, replaced = 0;
        Array.Sort(offered, ChronologicalOrder);

        var inserts = new List<NewBelief>(offered.Length);
        var updates = new List<NewBelief>();
        var stored = offered.Length == 0
            ? []
            : await LoadStoredAsync(sensorId, sourceId, offered[0].EventStart, offered[^1].EventStart, cancellationToken);
        for (var first = 0; first < offered.Length;)
        {
            var eventStart = offered[first].EventStart;
            var end = first;
            while (end < offered.Length && offered[end].EventStart == eventStart)
            {
                end++;
            }

            var known = stored.GetValueOrDefault(eventStart);
            List<NewBelief>? latestAccepted = null;
            for (var g = first; g < end;)
            {
                var horizon = offered[g].BeliefHorizon;
                var group = new List<NewBelief>();
                for (; g < end && offered[g].BeliefHorizon == horizon; g++)
                {
                    if (group.Count > 0 && group[^1].CumulativeProbability == offered[g].CumulativeProbability)
                    {
                        // The same belief twice in the input.
                        if (!group[^1].Value.Equals(offered[g].Value) && !allowOverwrite)
                        {
                            throw new ReplacementRefusedException(eventStart, horizon, group[^1].Value, offered[g].Value);
                        }

                        group[^1] = offered[g];
                        duplicates++;
                        continue;
                    }

                    group.Add(offered[g]);
                }

                if (known?.GetValueOrDefault(horizon) is { } same)
                {
                    foreach (var belief in group)
                    {
                        if (!same.TryGetValue(belief.CumulativeProbability, out var storedValue))
                        {
                            inserts.Add(belief);
                        }
                        else if (storedValue.Equals(belief.Value))
                        {
                            duplicates++;
                        }
                        else if (allowOverwrite)
                        {
                            updates.Add(belief);
                            replaced++;
                        }
                        else
                        {
                            throw new ReplacementRefusedException(eventStart, horizon, storedValue, belief.Value);
                        }
                    }

                    continue;
                }

                // The latest earlier belief: the smallest horizon above this one, stored or accepted just now.
                var storedEarlier = known?.Where(k => k.Key > horizon).Select(k => (Horizon: k.Key, Values: k.Value)).FirstOrDefault();
                var compareWithStored = storedEarlier?.Values is not null
                    && (latestAccepted is null || storedEarlier.Value.Horizon < latestAccepted[0].BeliefHorizon);
                var isUnchanged = compareWithStored
                    ? group.Count == storedEarlier!.Value.Values.Count && group.All(b => storedEarlier.Value.Values.TryGetValue(b.CumulativeProbability, out var v) && v.Equals(b.Value))
                    : latestAccepted is not null && latestAccepted.Count == group.Count
                        && latestAccepted.Zip(group).All(p => p.First.CumulativeProbability == p.Second.CumulativeProbability && p.First.Value.Equals(p.Second.Value));
                if (isUnchanged)
                {
                    unchanged += group.Count;
                    continue;
                }

                inserts.AddRange(group);
                latestAccepted = group;
            }

            first = end;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await BeliefWriter.InsertAsync(connection, transaction, db.Provider, sensorId, sourceId, inserts, cancellationToken);
        await BeliefWriter.UpdateValuesAsync(connection, transaction, db.Provider, sensorId, sourceId, updates, cancellationToken);
        (DateTime First, DateTime Last)? measurements = null;
        foreach (var belief in inserts.Concat(updates).Where(b => b.BeliefHorizon <= TimeSpan.Zero))
        {
            measurements = measurements is { } m
                ? (belief.EventStart < m.First ? belief.EventStart : m.First, belief.EventStart > m.Last ? belief.EventStart : m.Last)
                : (belief.EventStart, belief.EventStart);
        }

        return new SaveResult(chunk.Count, inserts.Count, replaced, unchanged, duplicates, empty) { Measurements = measurements };
    }

    /// <summary>Stored beliefs per event, their groups ordered by horizon (smallest first), each a map from probability to value.</summary>
    private async Task<Dictionary<DateTime, SortedList<TimeSpan, Dictionary<double, double>>>> LoadStoredAsync(
        int sensorId, int sourceId, DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<DateTime, SortedList<TimeSpan, Dictionary<double, double>>>();
        var rows = db.TimedBeliefs.AsNoTracking()
            .Where(b => b.SensorId == sensorId && b.SourceId == sourceId && b.EventStart >= first && b.EventStart <= last)
            .Select(b => new { b.EventStart, b.BeliefHorizon, b.CumulativeProbability, b.EventValue })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!stored.TryGetValue(row.EventStart, out var groups))
            {
                groups = [];
                stored[row.EventStart] = groups;
            }

            if (!groups.TryGetValue(row.BeliefHorizon, out var group))
            {
                group = [];
                groups[row.BeliefHorizon] = group;
            }

            group[row.CumulativeProbability] = row.EventValue;
        }

        return stored;
    }
}

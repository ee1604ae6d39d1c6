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
/// The input is streamed in chunks, so memory stays bounded for files of any size; each chunk compares itself
/// with the stored beliefs of its event range and writes its new rows in one go (binary COPY on PostgreSQL).
/// Everything happens in one transaction: the caller's, or one of its own.
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
        try
        {
            var total = new SaveResult(0, 0, 0, 0, 0, 0);
            await foreach (var chunk in ChunksAsync(beliefs, cancellationToken))
            {
                total += await SaveChunkAsync(sensorId, sourceId, chunk, allowOverwrite, cancellationToken);
                progress?.Report(total.Received);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return total;
        }
        catch
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.RollbackAsync(CancellationToken.None);
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <inheritdoc cref="SaveAsync(int, int, IAsyncEnumerable{NewBelief}, bool, IProgress{long}?, CancellationToken)"/>
    public Task<SaveResult> SaveAsync(int sensorId, int sourceId, IEnumerable<NewBelief> beliefs, bool allowOverwrite, CancellationToken cancellationToken) =>
        SaveAsync(sensorId, sourceId, beliefs.ToAsyncEnumerable(), allowOverwrite, null, cancellationToken);

    private async Task<SaveResult> SaveChunkAsync(int sensorId, int sourceId, List<NewBelief> chunk, bool allowOverwrite, CancellationToken cancellationToken)
    {
        long empty = 0, duplicates = 0, unchanged = 0, replaced = 0;
        var offered = new SortedDictionary<DateTime, SortedDictionary<TimeSpan, Dictionary<double, double>>>();
        foreach (var belief in chunk)
        {
            if (!double.IsFinite(belief.Value))
            {
                empty++;
                continue;
            }

            var group = GroupOf(GroupsOf(offered, belief.EventStart), belief.BeliefHorizon);
            if (group.TryGetValue(belief.CumulativeProbability, out var earlier))
            {
                if (earlier.Equals(belief.Value) || allowOverwrite)
                {
                    duplicates++;
                    group[belief.CumulativeProbability] = belief.Value;
                    continue;
                }

                throw new ReplacementRefusedException(belief.EventStart, belief.BeliefHorizon, earlier, belief.Value);
            }

            group[belief.CumulativeProbability] = belief.Value;
        }

        var inserts = new List<NewBelief>();
        var updates = new List<NewBelief>();
        if (offered.Count > 0)
        {
            var stored = await LoadStoredAsync(sensorId, sourceId, offered.Keys.First(), offered.Keys.Last(), cancellationToken);
            foreach (var (eventStart, groups) in offered)
            {
                var known = GroupsOf(stored, eventStart);

                // Largest horizon first: the order in which the beliefs were held.
                foreach (var (horizon, group) in groups.Reverse())
                {
                    if (known.TryGetValue(horizon, out var same))
                    {
                        foreach (var (cp, value) in group)
                        {
                            if (!same.TryGetValue(cp, out var storedValue))
                            {
                                inserts.Add(new NewBelief(eventStart, horizon, value, cp));
                                same[cp] = value;
                            }
                            else if (storedValue.Equals(value))
                            {
                                duplicates++;
                            }
                            else if (allowOverwrite)
                            {
                                updates.Add(new NewBelief(eventStart, horizon, value, cp));
                                same[cp] = value;
                                replaced++;
                            }
                            else
                            {
                                throw new ReplacementRefusedException(eventStart, horizon, storedValue, value);
                            }
                        }

                        continue;
                    }

                    // The latest earlier belief: the smallest horizon above this one.
                    var previous = known.Where(k => k.Key > horizon).Select(k => k.Value).FirstOrDefault();
                    if (previous is not null && previous.Count == group.Count
                        && group.All(g => previous.TryGetValue(g.Key, out var v) && v.Equals(g.Value)))
                    {
                        unchanged += group.Count;
                        continue;
                    }

                    inserts.AddRange(group.Select(g => new NewBelief(eventStart, horizon, g.Value, g.Key)));
                    known[horizon] = new Dictionary<double, double>(group);
                }
            }
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await BeliefWriter.InsertAsync(connection, transaction, db.Provider, sensorId, sourceId, inserts, cancellationToken);
        await BeliefWriter.UpdateValuesAsync(connection, transaction, db.Provider, sensorId, sourceId, updates, cancellationToken);
        var measurements = inserts.Concat(updates).Where(b => b.BeliefHorizon <= TimeSpan.Zero).Select(b => b.EventStart).ToList();
        return new SaveResult(chunk.Count, inserts.Count, replaced, unchanged, duplicates, empty)
        {
            Measurements = measurements.Count == 0 ? null : (measurements.Min(), measurements.Max()),
        };
    }

    private async Task<SortedDictionary<DateTime, SortedDictionary<TimeSpan, Dictionary<double, double>>>> LoadStoredAsync(
        int sensorId, int sourceId, DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        var stored = new SortedDictionary<DateTime, SortedDictionary<TimeSpan, Dictionary<double, double>>>();
        var rows = db.TimedBeliefs.AsNoTracking()
            .Where(b => b.SensorId == sensorId && b.SourceId == sourceId && b.EventStart >= first && b.EventStart <= last)
            .Select(b => new { b.EventStart, b.BeliefHorizon, b.CumulativeProbability, b.EventValue })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            GroupOf(GroupsOf(stored, row.EventStart), row.BeliefHorizon)[row.CumulativeProbability] = row.EventValue;
        }

        return stored;
    }

    private static SortedDictionary<TimeSpan, Dictionary<double, double>> GroupsOf(
        SortedDictionary<DateTime, SortedDictionary<TimeSpan, Dictionary<double, double>>> events, DateTime eventStart)
    {
        if (!events.TryGetValue(eventStart, out var groups))
        {
            groups = [];
            events[eventStart] = groups;
        }

        return groups;
    }

    private static Dictionary<double, double> GroupOf(SortedDictionary<TimeSpan, Dictionary<double, double>> groups, TimeSpan horizon)
    {
        if (!groups.TryGetValue(horizon, out var group))
        {
            group = [];
            groups[horizon] = group;
        }

        return group;
    }

    /// <summary>Chunks of about <see cref="ChunkSize"/>, never splitting the beliefs about one event.</summary>
    private static async IAsyncEnumerable<List<NewBelief>> ChunksAsync(
        IAsyncEnumerable<NewBelief> beliefs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<NewBelief>(ChunkSize);
        await foreach (var belief in beliefs.WithCancellation(cancellationToken))
        {
            if (chunk.Count >= ChunkSize && belief.EventStart != chunk[^1].EventStart)
            {
                yield return chunk;
                chunk = new List<NewBelief>(ChunkSize);
            }

            chunk.Add(belief);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}

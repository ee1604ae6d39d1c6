namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// FlexMeasures' rules for saving the beliefs of one sensor and source, without I/O: beliefs without a value are
/// dropped; a belief repeated in the input or stored exactly so is a duplicate; a belief equal to the latest
/// earlier belief about the same event (stored or accepted from the same input) is unchanged and skipped, a
/// probabilistic belief being compared whole (all its probabilities at one horizon); another value for a stored
/// (event, horizon, probability) is a replacement, refused unless overwriting is allowed.
/// </summary>
internal static class BeliefClassifier
{
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

    /// <summary>The first and the last event with a value among <paramref name="beliefs"/>: the stored beliefs <see cref="Classify"/> needs.</summary>
    public static (DateTime First, DateTime Last)? EventRange(IEnumerable<NewBelief> beliefs) =>
        Range(beliefs.Where(HasValue).Select(b => b.EventStart));

    /// <summary>The earliest and the latest of <paramref name="times"/>; null when there are none.</summary>
    public static (DateTime First, DateTime Last)? Range(IEnumerable<DateTime> times)
    {
        (DateTime First, DateTime Last)? range = null;
        foreach (var time in times)
        {
            range = range is { } r ? (time < r.First ? time : r.First, time > r.Last ? time : r.Last) : (time, time);
        }

        return range;
    }

    /// <param name="incoming">The beliefs of one chunk, in any order; every event's beliefs must be in this chunk.</param>
    /// <param name="stored">The stored beliefs of the same sensor and source about (at least) the events of <paramref name="incoming"/>.</param>
    public static BeliefClassification Classify(IReadOnlyCollection<NewBelief> incoming, IEnumerable<NewBelief> stored, bool allowOverwrite)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        // A stable sort: of two values for the same belief in one input, the later one is offered last, whatever the
        // chunk's size (Array.Sort is unstable above 16 items).
        var offered = incoming.Where(HasValue).Order(Comparer<NewBelief>.Create(ChronologicalOrder)).ToArray();
        var known = Index(stored);
        var tally = new Tally(incoming.Count - offered.Length, allowOverwrite);
        for (var first = 0; first < offered.Length;)
        {
            var end = first;
            while (end < offered.Length && offered[end].EventStart == offered[first].EventStart)
            {
                end++;
            }

            if (tally.ClassifyEvent(offered.AsSpan(first, end - first), known.GetValueOrDefault(offered[first].EventStart)) is { } refusal)
            {
                return tally.ToClassification(refusal);
            }

            first = end;
        }

        return tally.ToClassification(null);
    }

    private static bool HasValue(NewBelief belief) => double.IsFinite(belief.Value);

    /// <summary>Stored beliefs per event, their groups ordered by horizon (smallest first), each a map from probability to value.</summary>
    private static Dictionary<DateTime, SortedList<TimeSpan, Dictionary<double, double>>> Index(IEnumerable<NewBelief> stored)
    {
        var index = new Dictionary<DateTime, SortedList<TimeSpan, Dictionary<double, double>>>();
        foreach (var belief in stored)
        {
            if (!index.TryGetValue(belief.EventStart, out var groups))
            {
                groups = [];
                index[belief.EventStart] = groups;
            }

            if (!groups.TryGetValue(belief.BeliefHorizon, out var group))
            {
                group = [];
                groups[belief.BeliefHorizon] = group;
            }

            group[belief.CumulativeProbability] = belief.Value;
        }

        return index;
    }

    private sealed class Tally(long empty, bool allowOverwrite)
    {
        private readonly List<NewBelief> inserts = [];
        private readonly List<NewBelief> replacements = [];
        private long unchanged;
        private long duplicates;

        public BeliefClassification ToClassification(BeliefRefusal? refusal) =>
            new(inserts, replacements, unchanged, duplicates, empty, refusal);

        /// <summary>The beliefs about one event, sorted, grouped by horizon: each group is one (maybe probabilistic) belief.</summary>
        public BeliefRefusal? ClassifyEvent(ReadOnlySpan<NewBelief> beliefs, SortedList<TimeSpan, Dictionary<double, double>>? known)
        {
            List<NewBelief>? latestAccepted = null;
            for (var first = 0; first < beliefs.Length;)
            {
                var horizon = beliefs[first].BeliefHorizon;
                var end = first;
                while (end < beliefs.Length && beliefs[end].BeliefHorizon == horizon)
                {
                    end++;
                }

                var (group, repeatRefused) = WithoutRepeats(beliefs[first..end]);
                first = end;
                if (repeatRefused is not null)
                {
                    return repeatRefused;
                }

                if (known?.GetValueOrDefault(horizon) is { } same)
                {
                    if (CompareWithStored(group, same) is { } refusal)
                    {
                        return refusal;
                    }

                    continue;
                }

                if (IsUnchanged(group, known, latestAccepted))
                {
                    unchanged += group.Count;
                    continue;
                }

                inserts.AddRange(group);
                latestAccepted = group;
            }

            return null;
        }

        /// <summary>One belief per probability: a repeat counts as a duplicate, and the later value wins if it may.</summary>
        private (List<NewBelief> Group, BeliefRefusal? Refusal) WithoutRepeats(ReadOnlySpan<NewBelief> beliefs)
        {
            var group = new List<NewBelief>(beliefs.Length);
            foreach (var belief in beliefs)
            {
                if (group.Count > 0 && group[^1].CumulativeProbability == belief.CumulativeProbability)
                {
                    if (!group[^1].Value.Equals(belief.Value) && !allowOverwrite)
                    {
                        return (group, new BeliefRefusal(belief.EventStart, belief.BeliefHorizon, group[^1].Value, belief.Value));
                    }

                    group[^1] = belief;
                    duplicates++;
                    continue;
                }

                group.Add(belief);
            }

            return (group, null);
        }

        /// <summary>A belief at a stored horizon: new for an unstored probability, else a duplicate or a replacement.</summary>
        private BeliefRefusal? CompareWithStored(List<NewBelief> group, Dictionary<double, double> same)
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
                    replacements.Add(belief);
                }
                else
                {
                    return new BeliefRefusal(belief.EventStart, belief.BeliefHorizon, storedValue, belief.Value);
                }
            }

            return null;
        }

        /// <summary>Whether the belief equals the latest earlier one: the smallest horizon above its own, stored or accepted just now.</summary>
        private static bool IsUnchanged(List<NewBelief> group, SortedList<TimeSpan, Dictionary<double, double>>? known, List<NewBelief>? latestAccepted)
        {
            var horizon = group[0].BeliefHorizon;
            var storedEarlier = known?.Where(k => k.Key > horizon).Select(k => (Horizon: k.Key, Values: k.Value)).FirstOrDefault();
            var compareWithStored = storedEarlier?.Values is not null
                && (latestAccepted is null || storedEarlier.Value.Horizon < latestAccepted[0].BeliefHorizon);
            if (compareWithStored)
            {
                var values = storedEarlier!.Value.Values;
                return group.Count == values.Count && group.All(b => values.TryGetValue(b.CumulativeProbability, out var v) && v.Equals(b.Value));
            }

            return latestAccepted is not null && latestAccepted.Count == group.Count
                && latestAccepted.Zip(group).All(p => p.First.CumulativeProbability == p.Second.CumulativeProbability && p.First.Value.Equals(p.Second.Value));
        }
    }
}

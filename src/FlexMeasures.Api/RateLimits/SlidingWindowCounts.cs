using System.Collections.Concurrent;

namespace FlexMeasures.Api.RateLimits;

/// <summary>
/// Counts events per key over a sliding window and says when the oldest one leaves it: the one counting rule of the
/// API's rate limits and login throttling. Counts live in this process; keys whose window has passed are swept out,
/// so callers that invent keys (random emails, addresses) cannot grow the table without bound.
/// </summary>
internal sealed class SlidingWindowCounts(TimeProvider clock)
{
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Log> _logs = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one event for <paramref name="key"/> if fewer than <paramref name="limit"/> are in the window; otherwise
    /// counts nothing and says how long until one leaves it.
    /// </summary>
    public WindowTake TryTake(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        return Locked(key, window, now, times =>
        {
            if (times.Count < limit)
            {
                times.Add(now);
                return new WindowTake(true, TimeSpan.Zero, key, now);
            }

            return new WindowTake(false, Wait(times, limit, window, now), key, now);
        });
    }

    /// <summary>Uncounts an event <see cref="TryTake"/> counted (what it counted for was not done after all).</summary>
    public void Return(WindowTake take)
    {
        if (take.Granted && _logs.TryGetValue(take.Key, out var log))
        {
            lock (log)
            {
                log.Times.Remove(take.At);
            }
        }
    }

    /// <summary>How long until <paramref name="key"/> has fewer than <paramref name="limit"/> events in the window; null when it has now.</summary>
    public TimeSpan? RetryAfter(string key, int limit, TimeSpan window)
    {
        if (!_logs.TryGetValue(key, out var log))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (log)
        {
            Prune(log.Times, window, now);
            return log.Times.Count < limit ? null : Wait(log.Times, limit, window, now);
        }
    }

    /// <summary>Counts one event, whatever the count.</summary>
    public void Add(string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        Locked(key, window, now, times =>
        {
            times.Add(now);
            return true;
        });
    }

    /// <summary>Forgets every event of <paramref name="key"/>.</summary>
    public void Clear(string key) => _logs.TryRemove(key, out _);

    /// <summary>The (count - limit + 1)th oldest event must leave the window before fewer than the limit remain.</summary>
    private static TimeSpan Wait(List<DateTimeOffset> times, int limit, TimeSpan window, DateTimeOffset now) =>
        times[times.Count - limit] + window - now;

    private static void Prune(List<DateTimeOffset> times, TimeSpan window, DateTimeOffset now)
    {
        var passed = 0;
        while (passed < times.Count && times[passed] <= now - window)
        {
            passed++;
        }

        times.RemoveRange(0, passed);
    }

    private T Locked<T>(string key, TimeSpan window, DateTimeOffset now, Func<List<DateTimeOffset>, T> action)
    {
        if (_logs.Count > SweepAbove)
        {
            Sweep(now);
        }

        while (true)
        {
            var log = _logs.GetOrAdd(key, _ => new Log());
            lock (log)
            {
                // A log the sweep took out may still be in a caller's hands: count in the one that is in the table.
                if (log.Removed)
                {
                    continue;
                }

                log.Window = window;
                Prune(log.Times, window, now);
                return action(log.Times);
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, log) in _logs)
        {
            lock (log)
            {
                Prune(log.Times, log.Window, now);
                if (log.Times.Count == 0)
                {
                    log.Removed = true;
                    _logs.TryRemove(new KeyValuePair<string, Log>(key, log));
                }
            }
        }
    }

    /// <summary>One key's event times, oldest first.</summary>
    private sealed class Log
    {
        public List<DateTimeOffset> Times { get; } = [];

        public TimeSpan Window { get; set; }

        public bool Removed { get; set; }
    }
}

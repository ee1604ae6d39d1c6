using System.Collections.Concurrent;
using FlexMeasures.Api.Hosting;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// Counts failed logins per email and per client address over a sliding window, and says how long a throttled
/// caller must wait. The counts live in this process (see docs/decisions/0012-login-throttling.md).
/// </summary>
internal sealed class LoginThrottle(IOptions<ApiOptions> options, TimeProvider clock)
{
    // Above this many keys, spent ones are swept out, so random emails cannot grow the table without bound.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    private TimeSpan Window => TimeSpan.FromSeconds(options.Value.LoginWindowSeconds);

    /// <summary>How long until a login for this email from this address may be tried again; null when it may now.</summary>
    public TimeSpan? RetryAfter(string email, string? address)
    {
        var now = clock.GetUtcNow();
        var waits = new[]
        {
            Wait(AccountKey(email), options.Value.LoginMaxFailuresPerAccount, now),
            address is null ? null : Wait(AddressKey(address), options.Value.LoginMaxFailuresPerAddress, now),
        };
        return waits.Max();
    }

    public void Failed(string email, string? address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > SweepAbove)
        {
            Sweep(now);
        }

        Add(AccountKey(email), now);
        if (address is not null)
        {
            Add(AddressKey(address), now);
        }
    }

    /// <summary>A correct password ends the count for its email (not for the address, which others may share).</summary>
    public void Succeeded(string email) => _failures.TryRemove(AccountKey(email), out _);

    private static string AccountKey(string email) => "email:" + email.Trim().ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return null;
        }

        lock (times)
        {
            Prune(times, now);
            return times.Count < limit ? null : times.ElementAt(times.Count - limit) + Window - now;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        var times = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Prune(times, now);
            times.Enqueue(now);
        }
    }

    private void Prune(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() <= now - Window)
        {
            times.Dequeue();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures)
        {
            lock (times)
            {
                Prune(times, now);
                if (times.Count == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }
}

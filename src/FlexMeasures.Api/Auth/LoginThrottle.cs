using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.RateLimits;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// Counts failed logins per email and per client address over a sliding window, and says how long a throttled
/// caller must wait. The counts live in this process (see docs/decisions/0012-login-throttling.md).
/// </summary>
internal sealed class LoginThrottle(IOptions<ApiOptions> options, TimeProvider clock)
{
    private readonly SlidingWindowCounts _failures = new(clock);

    private TimeSpan Window => TimeSpan.FromSeconds(options.Value.LoginWindowSeconds);

    /// <summary>How long until a login for this email from this address may be tried again; null when it may now.</summary>
    public TimeSpan? RetryAfter(string email, string? address)
    {
        var waits = new[]
        {
            _failures.RetryAfter(AccountKey(email), options.Value.LoginMaxFailuresPerAccount, Window),
            address is null ? null : _failures.RetryAfter(AddressKey(address), options.Value.LoginMaxFailuresPerAddress, Window),
        };
        return waits.Max();
    }

    public void Failed(string email, string? address)
    {
        _failures.Add(AccountKey(email), Window);
        if (address is not null)
        {
            _failures.Add(AddressKey(address), Window);
        }
    }

    /// <summary>A correct password ends the count for its email (not for the address, which others may share).</summary>
    public void Succeeded(string email) => _failures.Clear(AccountKey(email));

    private static string AccountKey(string email) => "email:" + email.Trim().ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;
}

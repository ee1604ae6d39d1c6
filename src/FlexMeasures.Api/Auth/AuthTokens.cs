using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// Issues and checks auth tokens: <c>user id . fs_uniquifier . expiry</c>, signed with HMAC-SHA256 keyed with
/// <c>SECRET_KEY</c>. A token dies when it expires, when the user's <c>fs_uniquifier</c> changes (password reset)
/// and when the user is deactivated (checked against the database on every request by the handler).
/// </summary>
/// <remarks>
/// Without a configured secret key a random key is made per process (logged once as a warning): tokens then die
/// with the process and are not accepted by other server processes. See docs/decisions/0007-api-tokens-and-errors.md.
/// </remarks>
internal sealed class AuthTokens
{
    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public AuthTokens(IOptions<SecurityOptions> security, IOptions<ApiOptions> api, TimeProvider clock, ILogger<AuthTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(api);
        _clock = clock;
        _lifetime = TimeSpan.FromSeconds(api.Value.TokenMaxAgeSeconds);
        if (string.IsNullOrEmpty(security.Value.SecretKey))
        {
            logger.LogWarning("No SECRET_KEY configured: auth tokens are signed with a random key and stop working when this process ends.");
            _key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            _key = Encoding.UTF8.GetBytes(security.Value.SecretKey);
        }
    }

    public string Issue(int userId, string uniquifier)
    {
        var expires = _clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{userId}.{uniquifier}.{expires}");
        return $"{payload}.{Sign(payload)}";
    }

    /// <summary>The user id and uniquifier of a well-signed, unexpired token; null otherwise.</summary>
    public (int UserId, string Uniquifier)? Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var payload = string.Join('.', parts[..3]);
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[3]))
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || _clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        return (userId, parts[1]);
    }

    private string Sign(string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
}

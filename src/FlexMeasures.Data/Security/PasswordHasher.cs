using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Data.Security;

/// <summary>
/// Hashes new passwords with argon2id, and verifies both our hashes and FlexMeasures' (Flask-Security's
/// "double hash": HMAC-SHA512 of the password keyed with the password salt, base64-encoded, then bcrypt or
/// argon2).
/// </summary>
public sealed partial class PasswordHasher(IOptions<SecurityOptions> options)
{
    /// <summary>Passwords shorter than this are refused.</summary>
    public const int MinimumLength = 8;

    // OWASP's recommended argon2id settings: 19 MiB, 2 passes, 1 lane.
    private const int MemoryKib = 19_456;
    private const int Iterations = 2;
    private const int Lanes = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // A hash of nothing anyone knows, verified when there is no user to verify against.
    private static readonly Lazy<string> DummyHash = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// Spends the work of verifying <paramref name="password"/> against a hash that never matches, so that a login
    /// with an unknown email costs as much as one with a wrong password and timing does not tell which emails exist.
    /// </summary>
    public void VerifyAgainstNobody(string password) => _ = Verify(password, DummyHash.Value);

    /// <summary>An argon2id hash in the PHC string format (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>).</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Argon2("argon2id", Encoding.UTF8.GetBytes(password), salt, MemoryKib, Iterations, Lanes, HashBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={MemoryKib},t={Iterations},p={Lanes}${ToPhcBase64(salt)}${ToPhcBase64(hash)}");
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="storedHash"/>: our argon2id hashes, and
    /// FlexMeasures' bcrypt or argon2 hashes of the salted HMAC (only when the same salt is configured).
    /// </summary>
    public bool Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        var candidates = new List<byte[]> { Encoding.UTF8.GetBytes(password) };
        if (options.Value.EffectivePasswordSalt is { } salt)
        {
            candidates.Insert(0, FlaskSecurityHmac(password, salt));
        }

        if (storedHash.StartsWith("$2", StringComparison.Ordinal))
        {
            return candidates.Any(c => VerifyBcrypt(c, storedHash));
        }

        return storedHash.StartsWith("$argon2", StringComparison.Ordinal) && candidates.Any(c => VerifyArgon2(c, storedHash));
    }

    /// <summary>What Flask-Security hashes instead of the password: base64(HMAC-SHA512(salt, password)).</summary>
    internal static byte[] FlaskSecurityHmac(string password, string salt)
    {
        var mac = HMACSHA512.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(password));
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(mac));
    }

    private static bool VerifyBcrypt(byte[] secret, string storedHash)
    {
        if (!BcryptFormat().IsMatch(storedHash))
        {
            return false;
        }

        try
        {
            // bcrypt keys are bytes; the HMAC is ASCII, so the Latin-1 string round-trips it exactly.
            return BCrypt.Net.BCrypt.Verify(Encoding.Latin1.GetString(secret), storedHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    private static bool VerifyArgon2(byte[] secret, string storedHash)
    {
        // $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>
        var parts = storedHash.Split('$');
        if (parts.Length != 6 || parts[2] != "v=19")
        {
            return false;
        }

        var settings = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "");
        if (!int.TryParse(settings.GetValueOrDefault("m"), CultureInfo.InvariantCulture, out var memory)
            || !int.TryParse(settings.GetValueOrDefault("t"), CultureInfo.InvariantCulture, out var iterations)
            || !int.TryParse(settings.GetValueOrDefault("p"), CultureInfo.InvariantCulture, out var lanes))
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = FromPhcBase64(parts[4]);
            expected = FromPhcBase64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Argon2(parts[1], secret, salt, memory, iterations, lanes, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Argon2(string variant, byte[] secret, byte[] salt, int memoryKib, int iterations, int lanes, int length)
    {
        Argon2 argon = variant switch
        {
            "argon2id" => new Argon2id(secret),
            "argon2i" => new Argon2i(secret),
            "argon2d" => new Argon2d(secret),
            _ => throw new CryptographicException($"Unknown argon2 variant '{variant}'."),
        };
        using (argon)
        {
            argon.Salt = salt;
            argon.MemorySize = memoryKib;
            argon.Iterations = iterations;
            argon.DegreeOfParallelism = lanes;
            return argon.GetBytes(length);
        }
    }

    [GeneratedRegex(@"^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$")]
    private static partial Regex BcryptFormat();

    private static string ToPhcBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromPhcBase64(string text) =>
        Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}

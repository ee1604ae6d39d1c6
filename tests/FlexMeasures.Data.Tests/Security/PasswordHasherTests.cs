using System.Text;
using FlexMeasures.Data.Security;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Data.Tests.Security;

/// <summary>
/// The FlexMeasures vectors below were made by independent implementations (Debian 12's python3-bcrypt 3.2.2
/// and python3-argon2 21.1.0), the way Flask-Security double-hashes, with this one-off script:
/// <code>
/// import hmac, hashlib, base64, bcrypt, argon2
/// h = base64.b64encode(hmac.new(b"fm-test-salt", b"correct horse battery", hashlib.sha512).digest())
/// print(h, bcrypt.hashpw(h, bcrypt.gensalt(rounds=4)))
/// ph = argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2)
/// print(ph.hash(h), ph.hash("correct horse battery"))
/// </code>
/// </summary>
public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery";
    private const string Salt = "fm-test-salt";
    private const string FlaskSecurityHmac = "ayQJSvMpqRZDF8jxfcL/AGrP1FerBvRxrAVONCWoG7VyjPALF53UrVxSkgGFTkgJtXB4c79BT/u15qYX7S2zbA==";
    private const string FlexMeasuresBcrypt = "$2b$04$4SFIGKIXOcFEwtokw6K5T.ixJsSdNge5z6H/2jBAVwoJxr3ufb/62";
    private const string FlexMeasuresArgon2 = "$argon2id$v=19$m=1024,t=2,p=2$gQV8ceNm+dCezq+5cMwzeQ$46ARN8A3KNeEn+zbdMwbEA";
    private const string PlainArgon2 = "$argon2id$v=19$m=1024,t=2,p=2$X6yfW7wVCL3CxRNeTZxRhA$4PGA1MbKMiWNgMdgQoBnbw";

    [Fact]
    public void FlaskSecurityHmac_MatchesPython()
    {
        Assert.Equal(FlaskSecurityHmac, Encoding.ASCII.GetString(PasswordHasher.FlaskSecurityHmac(Password, Salt)));
    }

    [Theory]
    [InlineData(FlexMeasuresBcrypt)]
    [InlineData(FlexMeasuresArgon2)]
    public void Verify_AcceptsFlexMeasuresHashes_WhenTheSameSaltIsConfigured(string hash)
    {
        Assert.True(Hasher(salt: Salt).Verify(Password, hash));
        Assert.True(Hasher(secretKey: Salt).Verify(Password, hash));
        Assert.False(Hasher(salt: Salt).Verify("correct horse batterY", hash));
    }

    [Theory]
    [InlineData(FlexMeasuresBcrypt)]
    [InlineData(FlexMeasuresArgon2)]
    public void Verify_RefusesFlexMeasuresHashes_WhenTheSaltDiffersOrIsMissing(string hash)
    {
        Assert.False(Hasher(salt: "another-salt").Verify(Password, hash));
        Assert.False(Hasher().Verify(Password, hash));
    }

    [Fact]
    public void Verify_AcceptsASingleArgon2HashFromAnotherImplementation()
    {
        Assert.True(Hasher().Verify(Password, PlainArgon2));
        Assert.False(Hasher().Verify("wrong password", PlainArgon2));
    }

    [Fact]
    public void Hash_IsSaltedArgon2id_ThatVerifies()
    {
        var first = PasswordHasher.Hash(Password);
        var second = PasswordHasher.Hash(Password);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(Hasher(salt: Salt).Verify(Password, first));
        Assert.False(Hasher().Verify(Password + "!", first));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("$argon2id$v=19$m=x,t=2,p=1$abc$def")]
    [InlineData("$2b$04$short")]
    public void Verify_IsFalse_ForMissingOrMalformedHashes(string? hash)
    {
        Assert.False(Hasher(salt: Salt).Verify(Password, hash));
    }

    private static PasswordHasher Hasher(string? salt = null, string? secretKey = null) =>
        new(Options.Create(new SecurityOptions { PasswordSalt = salt, SecretKey = secretKey }));
}

namespace FlexMeasures.Data.Security;

/// <summary>Configuration section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Key of the HMAC that FlexMeasures (Flask-Security) applies to a password before hashing it
    /// (<c>SECURITY_PASSWORD_SALT</c>). Must be the one in use when a restored user's password was set.
    /// </summary>
    public string? PasswordSalt { get; set; }

    /// <summary>The application secret (<c>SECRET_KEY</c>); the password salt falls back to it.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The salt in effect: <see cref="PasswordSalt"/>, else <see cref="SecretKey"/>, else none.</summary>
    public string? EffectivePasswordSalt => string.IsNullOrEmpty(PasswordSalt) ? (string.IsNullOrEmpty(SecretKey) ? null : SecretKey) : PasswordSalt;
}

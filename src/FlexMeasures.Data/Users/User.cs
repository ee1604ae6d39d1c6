using FlexMeasures.Data.Accounts;

namespace FlexMeasures.Data.Users;

/// <summary>A person or machine that logs in; belongs to exactly one account (table <c>fm_user</c>).</summary>
public sealed class User
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public string? Username { get; set; }

    /// <summary>The password hash; never the password itself.</summary>
    public string? Password { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? LastLoginAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? LastSeenAt { get; set; }

    public int? LoginCount { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Changing this value invalidates every token issued to the user.</summary>
    public required string FsUniquifier { get; set; }

    /// <summary>IANA time zone name used to show times to this user.</summary>
    public string Timezone { get; set; } = "Europe/Amsterdam";

    public int AccountId { get; set; }

    public Account? Account { get; set; }

    /// <summary>Secret of the time-based one-time password, when two-factor login is on.</summary>
    public string? TfTotpSecret { get; set; }

    /// <summary>How the second factor is delivered.</summary>
    public string? TfPrimaryMethod { get; set; } = "email";

    public ICollection<Role> Roles { get; } = [];
}

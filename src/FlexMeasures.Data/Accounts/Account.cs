namespace FlexMeasures.Data.Accounts;

/// <summary>A tenant: a company whose users, assets and data belong together (table <c>account</c>).</summary>
public sealed class Account
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? PrimaryColor { get; set; }

    public string? SecondaryColor { get; set; }

    public string? LogoUrl { get; set; }

    /// <summary>The consultancy account that may manage this account, if any.</summary>
    public int? ConsultancyAccountId { get; set; }

    public Account? ConsultancyAccount { get; set; }

    /// <summary>Free-form JSON object.</summary>
    public string Attributes { get; set; } = "{}";

    /// <summary>JSON object with credentials for outside services; never shown in listings.</summary>
    public string Secrets { get; set; } = "{}";

    /// <summary>The subscription plan, if any.</summary>
    public int? PlanId { get; set; }

    public ICollection<AccountRole> AccountRoles { get; } = [];
}

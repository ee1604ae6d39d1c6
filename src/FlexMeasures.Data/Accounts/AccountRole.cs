namespace FlexMeasures.Data.Accounts;

/// <summary>A role an account plays in the energy market, e.g. Prosumer or Supplier (table <c>account_role</c>).</summary>
public sealed class AccountRole
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public ICollection<Account> Accounts { get; } = [];
}

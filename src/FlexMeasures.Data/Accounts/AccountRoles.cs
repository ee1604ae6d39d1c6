namespace FlexMeasures.Data.Accounts;

/// <summary>The account roles FlexMeasures knows (market roles of a company).</summary>
public static class AccountRoles
{
    /// <summary>Accounts with this role may manage client accounts (FlexMeasures' <c>CONSULTANCY_ACCOUNT_ROLE</c>).</summary>
    public const string Consultancy = "Consultancy";

    /// <summary>Name and description of each standard account role.</summary>
    public static IReadOnlyList<(string Name, string Description)> Standard { get; } =
    [
        ("Prosumer", "A consumer who might also produce."),
        ("MDC", "Metering data company."),
        ("Supplier", "Buys and sells energy."),
        ("Aggregator", "Pools the flexibility of many assets."),
        ("ESCO", "Energy service company."),
        (Consultancy, "May manage the accounts of its clients."),
    ];
}

using FlexMeasures.Data.Administration;

namespace FlexMeasures.Data.Accounts;

/// <summary>What an account update changes; a null property stays as it is (FlexMeasures' PATCH of an account).</summary>
/// <param name="Attributes">A JSON object replacing the attributes.</param>
/// <param name="AccountRoleIds">The complete new set of account roles, by id.</param>
public sealed record AccountChanges(
    string? Name = null,
    Change<string?>? PrimaryColor = null,
    Change<string?>? SecondaryColor = null,
    Change<string?>? LogoUrl = null,
    Change<int?>? ConsultancyAccountId = null,
    Change<int?>? PlanId = null,
    string? Attributes = null,
    IReadOnlyCollection<int>? AccountRoleIds = null);

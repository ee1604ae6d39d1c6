namespace FlexMeasures.Data.Users;

/// <summary>What a user update changes; a null property stays as it is (FlexMeasures' PATCH of a user).</summary>
/// <param name="RoleIds">The complete new set of user roles, by id.</param>
public sealed record UserChanges(
    string? Email = null,
    string? Username = null,
    string? Timezone = null,
    bool? Active = null,
    IReadOnlyCollection<int>? RoleIds = null);

namespace FlexMeasures.Cli.Administration;

internal sealed record AccountRow(int Id, string Name, List<string> Roles, int? ConsultancyAccountId, int Users, int Assets);

internal sealed record UserRow(int Id, string? Username, string Email, int AccountId, List<string> Roles, string Timezone, bool Active, DateTime? LastLoginAt);

internal sealed record RoleRow(string Kind, string Name, string? Description);

internal sealed record AssetTypeRow(int Id, string Name, string? Description);

internal sealed record AssetRow(int Id, string Name, string AssetType, int? AccountId, int? ParentAssetId, double? Latitude, double? Longitude, string Attributes);

internal sealed record SensorRow(int Id, string Name, string Unit, string EventResolution, string Timezone, int AssetId, string KnowledgeHorizon, string Attributes);

internal sealed record SourceRow(int Id, string Name, string? Type, string? Model, string? Version, int? UserId, int? AccountId);

internal sealed record SourceWithAttributesRow(int Id, string Name, string? Type, string? Model, string? Version, int? UserId, int? AccountId, string Attributes);

namespace FlexMeasures.Data.Sensors;

/// <summary>What it takes to create a sensor.</summary>
/// <param name="EventResolution">An ISO 8601 duration (<c>PT15M</c>); <c>PT0M</c> for instantaneous readings.</param>
/// <param name="KnowledgeHorizonParameters">JSON object; null takes the function's defaults where it has them.</param>
public sealed record NewSensor(
    string Name,
    string Unit,
    string EventResolution,
    string Timezone,
    int AssetId,
    string KnowledgeHorizonFunction = "ex_post",
    string? KnowledgeHorizonParameters = null,
    string? Attributes = null);

using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Versions;

internal sealed record VersionsResponse(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
    [property: JsonPropertyName("flexmeasures_version")] string FlexMeasuresVersion,
    [property: JsonPropertyName("flexmeasures_dotnet_version")] string DotnetVersion);

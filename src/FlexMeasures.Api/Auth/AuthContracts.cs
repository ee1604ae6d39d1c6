using System.Text.Json.Serialization;

namespace FlexMeasures.Api.Auth;

internal sealed record AuthTokenResponse(
    [property: JsonPropertyName("auth_token")] string AuthToken,
    [property: JsonPropertyName("user_id")] int UserId);

using System.Text.Json.Serialization;
using FlexMeasures.Data.Users;

namespace FlexMeasures.Api.Auth;

internal sealed record AuthTokenResponse(
    [property: JsonPropertyName("auth_token")] string AuthToken,
    [property: JsonPropertyName("user_id")] int UserId);

/// <summary>What a login attempt came to: the user, or how long to wait before trying again, or neither (refused).</summary>
internal sealed record LoginOutcome(User? User, TimeSpan? RetryAfter);

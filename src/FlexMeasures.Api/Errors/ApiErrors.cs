using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FlexMeasures.Api.Errors;

/// <summary>The error responses FlexMeasures clients know, by status.</summary>
internal static class ApiErrors
{
    public const string UnauthorizedMessage = "You could not be properly authenticated for this content or functionality.";
    public const string ForbiddenMessage = "You cannot be authorized for this content or functionality.";

    public static ApiError Unauthorized(string? message = null) => new(message ?? UnauthorizedMessage, "UNAUTHORIZED");

    public static ApiError Forbidden(string? message = null) => new(message ?? ForbiddenMessage, "INVALID_SENDER", "Rejected");

    public static ApiError Unprocessable(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> errors) =>
        new(errors, "UNPROCESSABLE_ENTITY", "Rejected");

    public static ApiError Unprocessable(string location, string field, string message) =>
        Unprocessable(new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
        {
            [location] = new Dictionary<string, IReadOnlyList<string>> { [field] = [message] },
        });

    public static ApiError PayloadTooLarge(long limit) =>
        new($"The request body is larger than the limit of {limit} bytes.", "PAYLOAD_TOO_LARGE", "Rejected");

    /// <summary>A generic HTTP error, as FlexMeasures' error router renders it: the numeric code as status.</summary>
    public static ApiError Http(int statusCode, string? message = null) =>
        new(message ?? DefaultMessage(statusCode), statusCode);

    public static IResult Result(ApiError error, int statusCode) => TypedResults.Json(error, statusCode: statusCode);

    private static string DefaultMessage(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "The requested URL was not found on the server.",
        StatusCodes.Status405MethodNotAllowed => "The method is not allowed for the requested URL.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        StatusCodes.Status500InternalServerError => "Something went wrong on the server; it has been logged.",
        _ => ReasonPhrases.GetReasonPhrase(statusCode),
    };
}

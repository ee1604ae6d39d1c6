using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Auth;

/// <summary><c>POST /api/requestAuthToken</c>: email and password for a token.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/requestAuthToken", RequestAuthTokenAsync)
            .WithName("RequestAuthToken").WithTags("Auth")
            .WithSummary("Obtain an authentication token");
        return routes;
    }

    /// <summary>
    /// FlexMeasures' answers: 400 for a body without JSON or email, 404 for an unknown email, 401 for a wrong
    /// password (or an inactive user), each as <c>{"errors": […]}</c>, here with <c>message</c> and <c>status</c> too.
    /// </summary>
    internal static async Task<Results<Ok<AuthTokenResponse>, JsonHttpResult<ApiError>>> RequestAuthTokenAsync(
        HttpRequest request,
        FlexMeasuresDbContext db,
        UserService users,
        AuthTokens tokens,
        CancellationToken cancellationToken)
    {
        JsonObject? body = null;
        if (request.HasJsonContentType())
        {
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "Content-type of request must be application/json");
        }

        if (body["email"] is not JsonValue emailValue || emailValue.GetValueKind() != JsonValueKind.String)
        {
            return Error(StatusCodes.Status400BadRequest, "Please provide the 'email' parameter.");
        }

        var email = emailValue.GetValue<string>();
        if (!TextRules.IsPrintable(email))
        {
            return Error(StatusCodes.Status400BadRequest, "The 'email' parameter must not contain control characters.");
        }

        if (!await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return Error(StatusCodes.Status404NotFound, $"User with email '{email}' does not exist");
        }

        if (body["password"] is not JsonValue passwordValue || passwordValue.GetValueKind() != JsonValueKind.String)
        {
            return Error(StatusCodes.Status400BadRequest, "Please provide the 'password' parameter.");
        }

        var user = await users.FindByCredentialsAsync(email, passwordValue.GetValue<string>(), cancellationToken);
        if (user is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "User password does not match.");
        }

        await users.RecordLoginAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new AuthTokenResponse(tokens.Issue(user.Id, user.FsUniquifier), user.Id));
    }

    private static JsonHttpResult<ApiError> Error(int statusCode, string message) =>
        TypedResults.Json(
            new ApiError(message, statusCode == StatusCodes.Status401Unauthorized ? "UNAUTHORIZED" : statusCode, Errors: [message]),
            statusCode: statusCode);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Users;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FlexMeasures.Api.Auth;

/// <summary><c>POST /api/requestAuthToken</c>: email and password for a token.</summary>
internal static class AuthApi
{
    /// <summary>One message for an unknown email and a wrong password, so the answer does not tell which emails exist.</summary>
    public const string WrongCredentialsMessage = "Wrong email or password.";

    public const string TooManyFailuresMessage = "Too many failed logins; try again later (see Retry-After).";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/requestAuthToken", RequestAuthTokenAsync)
            .WithName("RequestAuthToken")
            .WithExample(200, """{"auth_token": "<token>", "user_id": 2}""")
            .WithRequestExample("application/json", """{"email": "toy-user@flexmeasures.io", "password": "<password>"}""").WithTags("Auth")
            .WithSummary("Obtain an authentication token");
        return routes;
    }

    /// <summary>
    /// FlexMeasures' answers: 400 for a body without JSON, email or password, 401 for a wrong password (or an inactive
    /// user), each as <c>{"errors": […]}</c>, here with <c>message</c> and <c>status</c> too. Unlike FlexMeasures (404),
    /// an unknown email gets the same 401 at the same cost, and too many failures 429 with <c>Retry-After</c>.
    /// </summary>
    internal static async Task<Results<Ok<AuthTokenResponse>, JsonHttpResult<ApiError>>> RequestAuthTokenAsync(
        HttpRequest request,
        UserService users,
        LoginGate gate,
        AuthTokens tokens,
        CancellationToken cancellationToken)
    {
        // A token must not stay in any cache between the server and the client.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
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
        if (TextRules.PrintableProblem(email) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, $"The 'email' parameter {problem}.");
        }

        if (body["password"] is not JsonValue passwordValue || passwordValue.GetValueKind() != JsonValueKind.String)
        {
            return Error(StatusCodes.Status400BadRequest, "Please provide the 'password' parameter.");
        }

        var outcome = await gate.TryAsync(request.HttpContext, email, passwordValue.GetValue<string>(), cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            return Error(StatusCodes.Status429TooManyRequests, TooManyFailuresMessage);
        }

        if (outcome.User is not { } user)
        {
            return Error(StatusCodes.Status401Unauthorized, WrongCredentialsMessage);
        }

        await users.RecordLoginAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new AuthTokenResponse(tokens.Issue(user.Id, user.FsUniquifier), user.Id));
    }

    private static JsonHttpResult<ApiError> Error(int statusCode, string message) =>
        TypedResults.Json(
            new ApiError(message, statusCode switch { StatusCodes.Status401Unauthorized => "UNAUTHORIZED", StatusCodes.Status429TooManyRequests => "TOO_MANY_REQUESTS", _ => statusCode }, Errors: [message]),
            statusCode: statusCode);
}

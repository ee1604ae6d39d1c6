using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Requests;
using FlexMeasures.Api.Sensors;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Users;

internal sealed record UserResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("account_id")] int AccountId,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("flexmeasures_roles")] IReadOnlyList<int> Roles,
    [property: JsonPropertyName("last_login_at")] DateTime? LastLoginAt,
    [property: JsonPropertyName("last_seen_at")] DateTime? LastSeenAt)
{
    public static UserResponse From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.Username, user.AccountId, user.Active, user.Timezone, [.. user.Roles.Select(r => r.Id)], user.LastLoginAt, user.LastSeenAt);
    }
}

internal sealed record MessageResponse([property: JsonPropertyName("message")] string Message);

/// <summary><c>/api/v3_0/users</c>: list, read and update users; reset a password (which revokes the user's tokens).</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder users)
    {
        users.MapGet("", ListAsync).WithName("ListUsers").WithSummary("List the users of an account");
        users.MapGet("/{id:int}", GetAsync).WithName("GetUser").WithSummary("Get a user");
        users.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateUser").WithSummary("Update a user (timezone, active)").Accepts<JsonObject>("application/json");
        users.MapPatch("/{id:int}/password-reset", ResetPasswordAsync).WithName("ResetUserPassword").WithSummary("Reset a user's password; revokes their tokens");
        return users;
    }

    /// <summary>Users of <c>account_id</c> (default: the user's account); inactive ones only with <c>include_inactive</c>.</summary>
    internal static async Task<IResult> ListAsync(ApiUser user, HttpRequest request, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(request.Query);
        var accountId = query.Integer("account_id") ?? query.Integer("account") ?? user.AccountId;
        var includeInactive = query.Boolean("include_inactive") ?? false;
        var paging = Paging.Read(query);
        query.ThrowIfInvalid();
        await authorizer.RequireAccountAsync(user, accountId, Permission.Read, cancellationToken);
        var users = await db.Users.AsNoTracking().Include(u => u.Roles)
            .Where(u => u.AccountId == accountId && (includeInactive || u.Active)).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        return paging.Answer(users.Select(UserResponse.From).ToList());
    }

    internal static async Task<Ok<UserResponse>> GetAsync(int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireUserAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(UserResponse.From(await db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == id, cancellationToken)));
    }

    /// <summary>Changes <c>timezone</c> and (not of oneself) <c>active</c>.</summary>
    internal static async Task<Ok<UserResponse>> UpdateAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, UserService users, AuditTrail audit, CancellationToken cancellationToken)
    {
        await authorizer.RequireUserAsync(user, id, Permission.Update, cancellationToken);
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        foreach (var field in new[] { "id", "email", "account_id", "password", "flexmeasures_roles" })
        {
            if (body.Has(field))
            {
                body.Fail(field, "Unknown field.");
            }
        }

        var timezone = body.String("timezone");
        var active = body.Boolean("active");
        if (active is not null && id == user.Id)
        {
            body.Fail("active", "You cannot activate or deactivate yourself.");
        }

        body.ThrowIfInvalid();
        audit.ActiveUser = (user.Id, user.Name);
        var updated = await SensorsApi.Translate(() => users.UpdateAsync(id, timezone, active, cancellationToken));
        return TypedResults.Ok(UserResponse.From(updated));
    }

    /// <summary>
    /// Replaces the password by a random one, which logs the user out everywhere (FlexMeasures also emails a
    /// reset link; we send no email: the user gets a new password through the CLI or an admin).
    /// </summary>
    internal static async Task<Ok<MessageResponse>> ResetPasswordAsync(
        int id, ApiUser user, Authorizer authorizer, UserService users, AuditTrail audit, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireUserAsync(user, id, Permission.Update, cancellationToken);
        var email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync(cancellationToken);
        audit.ActiveUser = (user.Id, user.Name);
        await users.SetPasswordAsync(email, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), cancellationToken);
        return TypedResults.Ok(new MessageResponse($"The password of user {id} has been reset; their auth tokens no longer work."));
    }
}

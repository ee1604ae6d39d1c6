using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Audit;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
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

/// <summary><c>/api/v3_0/users</c>: list, read, create and update users, reset a password (which revokes the user's tokens), read a user's audit log.</summary>
internal static class UsersApi
{
    private static readonly string[] CreateFields = ["email", "username", "account_id", "password", "timezone"];

    private static readonly string[] PatchFields = ["email", "username", "active", "timezone", "flexmeasures_roles"];

    private static readonly string[] AuditLogSortable = ["username", "email", "event_datetime", "lastLogin", "lastSeen"];

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder users)
    {
        users.MapGet("", ListAsync).WithName("ListUsers")
            .WithExample(200, """[{"id": 2, "email": "toy-user@flexmeasures.io", "username": "toy-user", "account_id": 1, "active": true, "timezone": "Europe/Amsterdam", "flexmeasures_roles": [1], "last_login_at": "2026-11-30T06:00:00", "last_seen_at": "2026-11-30T06:05:00"}]""").WithSummary("List the users of an account");
        users.MapPost("", CreateAsync).WithName("CreateUser")
            .WithSummary("Create a user in an account (admins, its account-admins, its consultants); roles are given later by PATCH")
            .WithJsonExamples(StatusCodes.Status201Created, ExampleUser(active: true), new JsonObject
            {
                ["email"] = "test_user@seita.nl", ["username"] = "Test User", ["account_id"] = 1,
            });
        users.MapGet("/{id:int}", GetAsync).WithName("GetUser")
            .WithExample(200, """{"id": 2, "email": "toy-user@flexmeasures.io", "username": "toy-user", "account_id": 1, "active": true, "timezone": "Europe/Amsterdam", "flexmeasures_roles": [1], "last_login_at": "2026-11-30T06:00:00", "last_seen_at": "2026-11-30T06:05:00"}""").WithSummary("Get a user");
        users.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Update a user: email, username, timezone, active and flexmeasures_roles (roles only by those who may grant them)")
            .WithJsonExamples(StatusCodes.Status200OK, ExampleUser(active: false), new JsonObject { ["active"] = false });
        users.MapPatch("/{id:int}/password-reset", ResetPasswordAsync).WithName("ResetUserPassword")
            .WithExample(200, """{"message": "The password of user 2 has been reset; their auth tokens no longer work."}""").WithSummary("Reset a user's password; revokes their tokens");
        users.MapGet("/{id:int}/auditlog", AuditLogAsync).WithName("GetUserAuditLog")
            .WithSummary("The history of changes to a user (the user, account-admins, consultants, admins); paged with page and per-page")
            .WithJsonExamples(StatusCodes.Status200OK, new JsonObject
            {
                ["data"] = new JsonArray(new JsonObject
                {
                    ["event"] = "User Test User (id 1) updated: Active status set to 'False'", ["event_datetime"] = "2021-01-01T00:00:00+00:00",
                    ["active_user_name"] = "Test admin", ["active_user_id"] = 2,
                }),
                ["num-records"] = 1,
                ["filtered-records"] = 1,
            });
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

    /// <summary>
    /// FlexMeasures' fields <c>email</c>, <c>username</c>, <c>account_id</c>; also <c>password</c> (checked as the
    /// CLI's <c>add user</c> does) and <c>timezone</c>. Without a password the user gets a random one and a new
    /// password later (FlexMeasures emails a reset link; we send no email).
    /// </summary>
    internal static async Task<Created<UserResponse>> CreateAsync(
        ApiUser user, HttpRequest request, Authorizer authorizer, UserService users, AuditTrail audit, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        body.RejectUnknown(CreateFields);
        var email = body.String("email", required: true);
        var username = body.String("username", required: true);
        var accountId = body.Integer("account_id", required: true);
        var password = body.String("password");
        var timezone = body.String("timezone");
        body.ThrowIfInvalid();
        var created = await SensorsApi.Translate(() => UserAdministration.CreateAsync(
            user, username!, email!, accountId!.Value, password, timezone, authorizer, users, audit, cancellationToken));
        return TypedResults.Created($"/api/v3_0/users/{created.Id}", UserResponse.From(created));
    }

    /// <summary>Changes the fields given; the data service decides who may change activity and roles.</summary>
    internal static async Task<Ok<UserResponse>> UpdateAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, UserService users, AuditTrail audit, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        body.RejectUnknown(PatchFields);
        var changes = new UserChanges(body.String("email"), body.String("username"), body.String("timezone"), body.Boolean("active"), body.Integers("flexmeasures_roles"));
        body.ThrowIfInvalid();
        var updated = await SensorsApi.Translate(() => UserAdministration.UpdateAsync(user, id, changes, authorizer, users, audit, cancellationToken));
        return TypedResults.Ok(UserResponse.From(updated));
    }

    /// <summary>Entries about the user; FlexMeasures' <c>filter</c>, <c>sort-by</c>, <c>sort-dir</c>, <c>page</c>, <c>per-page</c>.</summary>
    internal static async Task<IResult> AuditLogAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireUserAsync(user, id, Permission.ReadAuditLog, cancellationToken);
        var rows = db.AuditLogs.AsNoTracking().Where(l => l.AffectedUserId == id)
            .Select(l => new AuditRow { Id = l.Id, Event = l.Event, EventDatetime = l.EventDatetime, ActiveUserName = l.ActiveUserName, ActiveUserId = l.ActiveUserId });
        return await AuditLogListing.AnswerAsync(rows, request.Query, AuditLogSortable, alwaysPage: false, cancellationToken);
    }

    private static JsonObject ExampleUser(bool active) => new()
    {
        ["id"] = 1, ["email"] = "test_user@seita.nl", ["username"] = "Test User", ["account_id"] = 1, ["active"] = active,
        ["timezone"] = "Europe/Amsterdam", ["flexmeasures_roles"] = new JsonArray(), ["last_login_at"] = null, ["last_seen_at"] = null,
    };

    /// <summary>Replaces the password by a random one, which logs the user out everywhere (<see cref="UserAdministration.ResetPasswordAsync"/>).</summary>
    internal static async Task<Ok<MessageResponse>> ResetPasswordAsync(
        int id, ApiUser user, Authorizer authorizer, UserService users, AuditTrail audit, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await UserAdministration.ResetPasswordAsync(user, id, authorizer, users, audit, db, cancellationToken);
        return TypedResults.Ok(new MessageResponse($"The password of user {id} has been reset; their auth tokens no longer work."));
    }
}

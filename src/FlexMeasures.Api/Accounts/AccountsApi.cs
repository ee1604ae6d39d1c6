using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Audit;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Api.Sensors;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Accounts;

internal sealed record AccountRoleResponse([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("name")] string Name);

internal sealed record AccountResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("primary_color")] string? PrimaryColor,
    [property: JsonPropertyName("secondary_color")] string? SecondaryColor,
    [property: JsonPropertyName("logo_url")] string? LogoUrl,
    [property: JsonPropertyName("account_roles")] IReadOnlyList<AccountRoleResponse> AccountRoles,
    [property: JsonPropertyName("consultancy_account_id")] int? ConsultancyAccountId,
    [property: JsonPropertyName("plan_id")] int? PlanId,
    [property: JsonPropertyName("attributes")] string Attributes)
{
    public static AccountResponse From(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.Id, account.Name, account.PrimaryColor, account.SecondaryColor, account.LogoUrl,
            [.. account.AccountRoles.OrderBy(r => r.Id).Select(r => new AccountRoleResponse(r.Id, r.Name))], account.ConsultancyAccountId, account.PlanId, account.Attributes);
    }
}

/// <summary><c>/api/v3_0/accounts</c>: list, read, create and update accounts, and read their audit log (deletion is for the CLI, as in FlexMeasures).</summary>
internal static class AccountsApi
{
    private static readonly string[] CreateFields = ["name", "consultancy_account_id"];

    private static readonly string[] PatchFields =
        ["name", "primary_color", "secondary_color", "logo_url", "consultancy_account_id", "plan_id", "attributes", "account_roles"];

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder accounts)
    {
        accounts.MapGet("", ListAsync).WithName("ListAccounts")
            .WithExample(200, """[{"id": 1, "name": "Toy Account", "primary_color": "#1a3443", "secondary_color": "#f1a122", "logo_url": null, "account_roles": [{"id": 1, "name": "Prosumer"}], "consultancy_account_id": null, "plan_id": null, "attributes": "{}"}]""").WithSummary("List the accounts the user may read");
        accounts.MapPost("", CreateAsync).WithName("CreateAccount")
            .WithSummary("Create an account (admins; consultants of a Consultancy account create client accounts)")
            .WithJsonExamples(StatusCodes.Status201Created, ExampleAccount("New Customer Account"), new JsonObject { ["name"] = "New Customer Account", ["consultancy_account_id"] = 2 });
        accounts.MapGet("/{id:int}", GetAsync).WithName("GetAccount")
            .WithExample(200, """{"id": 1, "name": "Toy Account", "primary_color": "#1a3443", "secondary_color": "#f1a122", "logo_url": null, "account_roles": [{"id": 1, "name": "Prosumer"}], "consultancy_account_id": null, "plan_id": null, "attributes": "{}"}""").WithSummary("Get an account");
        accounts.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateAccount")
            .WithSummary("Update an account: name, colours, logo URL, consultancy, plan (admins), attributes, account roles (admins)")
            .WithJsonExamples(StatusCodes.Status200OK, ExampleAccount("Test Account Updated"), new JsonObject
            {
                ["name"] = "Test Account Updated", ["primary_color"] = "#1a3443", ["secondary_color"] = "#f1a122", ["logo_url"] = "https://example.com/logo.png",
            });
        accounts.MapGet("/{id:int}/auditlog", AuditLogAsync).WithName("GetAccountAuditLog")
            .WithSummary("The history of changes to an account and its users (account-admins, consultants, admins)")
            .WithJsonExamples(StatusCodes.Status200OK, new JsonArray(
                new JsonObject { ["event"] = "Account Test Account (id 1) created", ["event_datetime"] = "2021-01-01T00:00:00+00:00", ["active_user_id"] = null },
                new JsonObject { ["event"] = "Account Test Account (id 1) updated: name", ["event_datetime"] = "2021-01-02T10:30:00+00:00", ["active_user_id"] = 5 }));
        return accounts;
    }

    /// <summary>All accounts for admins and admin-readers; otherwise the user's own and, for consultants, its clients.</summary>
    internal static async Task<IResult> ListAsync(ApiUser user, HttpRequest request, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(request.Query);
        var paging = Paging.Read(query);
        query.ThrowIfInvalid();
        var accounts = db.Accounts.AsNoTracking().Include(a => a.AccountRoles).Where(AccessPolicy.ReadableAccounts(user));
        var list = await accounts.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return paging.Answer(list.Select(AccountResponse.From).ToList());
    }

    /// <summary>
    /// FlexMeasures' fields <c>name</c> and <c>consultancy_account_id</c>. A consultant's new account is their own
    /// account's client unless they say otherwise (which they may not: only admins name another consultancy).
    /// </summary>
    internal static async Task<Created<AccountResponse>> CreateAsync(
        ApiUser user, HttpRequest request, AccountService accounts, AuditTrail audit, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        body.RejectUnknown(CreateFields);
        var name = body.String("name", required: true);
        var consultancy = body.Integer("consultancy_account_id");
        body.ThrowIfInvalid();
        var account = await SensorsApi.Translate(() => AccountAdministration.CreateAsync(user, name!, consultancy, accounts, audit, cancellationToken));
        return TypedResults.Created($"/api/v3_0/accounts/{account.Id}", AccountResponse.From(account));
    }

    /// <summary>Changes the fields given; who may change what is the data service's rule (plan and roles: admins only).</summary>
    internal static async Task<Ok<AccountResponse>> UpdateAsync(
        int id, ApiUser user, HttpRequest request, Authorizer authorizer, AccountService accounts, AuditTrail audit, CancellationToken cancellationToken)
    {
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        body.RejectUnknown(PatchFields);
        var changes = new AccountChanges(
            body.String("name"),
            body.ClearableString("primary_color"),
            body.ClearableString("secondary_color"),
            body.ClearableString("logo_url"),
            body.ClearableInteger("consultancy_account_id"),
            body.ClearableInteger("plan_id"),
            SensorsApi.JsonText(body, "attributes"),
            body.Integers("account_roles"));
        body.ThrowIfInvalid();
        var account = await SensorsApi.Translate(() => AccountAdministration.UpdateAsync(user, id, changes, authorizer, accounts, audit, cancellationToken));
        return TypedResults.Ok(AccountResponse.From(account));
    }

    /// <summary>Every entry about the account or its users, in the order written (FlexMeasures takes no paging here).</summary>
    internal static async Task<Ok<List<AccountAuditLogEntry>>> AuditLogAsync(
        int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAccountAsync(user, id, Permission.ReadAuditLog, cancellationToken);
        var entries = await db.AuditLogs.AsNoTracking().Where(l => l.AffectedAccountId == id).OrderBy(l => l.Id)
            .Select(l => new { l.Event, l.EventDatetime, l.ActiveUserId }).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AccountAuditLogEntry(e.Event, AuditLogListing.Time(e.EventDatetime), e.ActiveUserId)).ToList());
    }

    private static JsonObject ExampleAccount(string name) => new()
    {
        ["id"] = 1, ["name"] = name, ["primary_color"] = "#1a3443", ["secondary_color"] = "#f1a122", ["logo_url"] = "https://example.com/logo.png",
        ["account_roles"] = new JsonArray(new JsonObject { ["id"] = 1, ["name"] = "Prosumer" }), ["consultancy_account_id"] = 2, ["plan_id"] = null, ["attributes"] = "{}",
    };

    internal static async Task<Ok<AccountResponse>> GetAsync(int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAccountAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(AccountResponse.From(await db.Accounts.AsNoTracking().Include(a => a.AccountRoles).SingleAsync(a => a.Id == id, cancellationToken)));
    }
}

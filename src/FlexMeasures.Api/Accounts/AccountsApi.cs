using System.Text.Json.Serialization;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Accounts;
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
    [property: JsonPropertyName("consultancy_account_id")] int? ConsultancyAccountId)
{
    public static AccountResponse From(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.Id, account.Name, account.PrimaryColor, account.SecondaryColor, account.LogoUrl,
            [.. account.AccountRoles.Select(r => new AccountRoleResponse(r.Id, r.Name))], account.ConsultancyAccountId);
    }
}

/// <summary><c>/api/v3_0/accounts</c>: the accounts the user may read.</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder accounts)
    {
        accounts.MapGet("", ListAsync).WithName("ListAccounts").WithSummary("List the accounts the user may read");
        accounts.MapGet("/{id:int}", GetAsync).WithName("GetAccount").WithSummary("Get an account");
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

    internal static async Task<Ok<AccountResponse>> GetAsync(int id, ApiUser user, Authorizer authorizer, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        await authorizer.RequireAccountAsync(user, id, Permission.Read, cancellationToken);
        return TypedResults.Ok(AccountResponse.From(await db.Accounts.AsNoTracking().Include(a => a.AccountRoles).SingleAsync(a => a.Id == id, cancellationToken)));
    }
}

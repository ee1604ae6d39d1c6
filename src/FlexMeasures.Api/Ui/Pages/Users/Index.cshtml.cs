using FlexMeasures.Api.Access;
using FlexMeasures.Api.Users;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Users;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ui.Pages.Users;

/// <summary>
/// The users the viewer may read (FlexMeasures' <c>/users</c>), optionally of one account, and a form to add a user
/// to an account the viewer may add users to (account-admins: their own; consultants: their clients'; admins: any).
/// </summary>
internal sealed class IndexModel(FlexMeasuresDbContext db, Authorizer authorizer, UserService users, AuditTrail audit) : UiPageModel
{
    /// <summary>The data services' field names → this form's (for errors next to the field).</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["username"] = "Form.Username",
        ["email"] = "Form.Email",
        ["password"] = "Form.Password",
        ["timezone"] = "Form.Timezone",
        ["time_zone"] = "Form.Timezone",
        ["account"] = "Form.AccountId",
    };

    [BindProperty(SupportsGet = true, Name = "account")]
    public int? AccountFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "created")]
    public int? CreatedId { get; set; }

    [BindProperty]
    public NewUserForm Form { get; set; } = new();

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>The accounts the viewer may add users to; no form when empty.</summary>
    public IReadOnlyList<AccountChoice> CreatableAccounts { get; private set; } = [];

    public string? FilterName { get; private set; }


    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form.AccountId = AccountFilter ?? Viewer.AccountId;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The button is only shown where allowed; the check that counts is the one the API makes, in
        // UserAdministration (403 for an account the viewer may not add users to).
        var accountId = Form.AccountId ?? Viewer.AccountId;
        if (!ModelState.IsValid)
        {
            await authorizer.RequireAccountAsync(Viewer, accountId, Permission.CreateChildren, cancellationToken);
            await LoadAsync(cancellationToken);
            return FormErrors.Again(this);
        }

        try
        {
            var created = await UserAdministration.CreateAsync(
                Viewer, Form.Username ?? string.Empty, Form.Email ?? string.Empty, accountId, NullIfBlank(Form.Password), NullIfBlank(Form.Timezone),
                authorizer, users, audit, cancellationToken);
            return Redirect($"/users?account={created.AccountId}&created={created.Id}");
        }
        catch (InvalidInputException refusal)
        {
            await LoadAsync(cancellationToken);
            return FormErrors.Show(this, refusal, Fields);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var readable = db.Users.AsNoTracking().Where(AccessPolicy.ReadableUsers(Viewer));
        if (AccountFilter is { } account)
        {
            readable = readable.Where(u => u.AccountId == account);
        }

        Users = await readable
            .OrderBy(u => u.Account!.Name).ThenBy(u => u.Username)
            .Select(u => new UserRow(u.Id, u.Username, u.Email, u.AccountId, u.Account!.Name, u.Active, u.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList(), u.LastLoginAt))
            .ToListAsync(cancellationToken);

        var accounts = await db.Accounts.AsNoTracking().Where(AccessPolicy.ReadableAccounts(Viewer)).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.ConsultancyAccountId })
            .ToListAsync(cancellationToken);
        FilterName = accounts.FirstOrDefault(a => a.Id == AccountFilter)?.Name;
        CreatableAccounts = [.. accounts
            .Where(a => AccessPolicy.MayAccessAccount(Viewer, new Owner(a.Id, a.ConsultancyAccountId), Permission.CreateChildren))
            .Select(a => new AccountChoice(a.Id, a.Name))];
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    internal sealed record UserRow(int Id, string? Username, string Email, int AccountId, string AccountName, bool Active, IReadOnlyList<string> Roles, DateTime? LastLoginAt);

    internal sealed record AccountChoice(int Id, string Name);

    /// <summary>The fields of <c>POST /api/v3_0/users</c>.</summary>
    internal sealed class NewUserForm
    {
        public string? Username { get; set; }

        public string? Email { get; set; }

        public int? AccountId { get; set; }

        public string? Password { get; set; }

        public string? Timezone { get; set; } = NewUser.DefaultTimezone;
    }
}

using FlexMeasures.Api.Access;
using FlexMeasures.Api.Accounts;
using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ui.Pages.Accounts;

/// <summary>
/// The accounts the viewer may read (FlexMeasures' <c>/accounts</c>) with their roles, consultancy and numbers of
/// users and assets, and a form to create an account for those who may (admins; consultants of a Consultancy).
/// </summary>
internal sealed class IndexModel(FlexMeasuresDbContext db, AccountService accounts, AuditTrail audit) : UiPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["name"] = "Form.Name",
        ["consultancy"] = "Form.ConsultancyAccountId",
    };

    [BindProperty]
    public NewAccountForm Form { get; set; } = new();

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public bool MayCreate => AccessPolicy.MayCreateAccounts(Viewer);

    /// <summary>Only admins name a consultancy; a consultant's new account is their own account's client.</summary>
    public bool MayChooseConsultancy => Viewer.IsAdmin;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Authorizer.Demand(MayCreate, Permission.CreateChildren, "the platform (creating accounts)");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return FormErrors.Again(this);
        }

        try
        {
            var created = await AccountAdministration.CreateAsync(Viewer, Form.Name ?? string.Empty, Form.ConsultancyAccountId, accounts, audit, cancellationToken);
            return Redirect($"/accounts/{created.Id}?done=created");
        }
        catch (InvalidInputException refusal)
        {
            await LoadAsync(cancellationToken);
            return FormErrors.Show(this, refusal, Fields);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Accounts = await db.Accounts.AsNoTracking().Where(AccessPolicy.ReadableAccounts(Viewer)).OrderBy(a => a.Name)
            .Select(a => new AccountRow(
                a.Id,
                a.Name,
                a.AccountRoles.OrderBy(r => r.Name).Select(r => r.Name).ToList(),
                a.ConsultancyAccountId,
                a.ConsultancyAccount == null ? null : a.ConsultancyAccount.Name,
                db.Users.Count(u => u.AccountId == a.Id && u.Active),
                db.GenericAssets.Count(g => g.AccountId == a.Id)))
            .ToListAsync(cancellationToken);

    internal sealed record AccountRow(int Id, string Name, IReadOnlyList<string> Roles, int? ConsultancyId, string? ConsultancyName, int ActiveUsers, int Assets);

    /// <summary>The fields of <c>POST /api/v3_0/accounts</c>.</summary>
    internal sealed class NewAccountForm
    {
        public string? Name { get; set; }

        public int? ConsultancyAccountId { get; set; }
    }
}

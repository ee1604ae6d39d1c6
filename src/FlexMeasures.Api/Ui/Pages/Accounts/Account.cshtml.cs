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
/// One account (FlexMeasures' <c>/accounts/&lt;id&gt;</c>): name, roles, consultancy, branding, its users and assets;
/// an edit form for whoever may update it, through <see cref="AccountAdministration"/> as the API does.
/// </summary>
internal sealed class AccountModel(FlexMeasuresDbContext db, Authorizer authorizer, AccountService accounts, AuditTrail audit) : UiPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["name"] = "Form.Name",
        ["primary_color"] = "Form.PrimaryColor",
        ["secondary_color"] = "Form.SecondaryColor",
        ["logo_url"] = "Form.LogoUrl",
    };

    [BindProperty]
    public AccountForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public AccountDetails Details { get; private set; } = null!;

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<AssetRow> Assets { get; private set; } = [];

    public bool MayUpdate { get; private set; }

    public bool MayAddUsers { get; private set; }

    /// <summary>Whether the viewer may open the consultancy's page (else its name without a link).</summary>
    public bool MayReadConsultancy { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Form = new AccountForm { Name = Details.Name, PrimaryColor = Details.PrimaryColor, SecondaryColor = Details.SecondaryColor, LogoUrl = Details.LogoUrl };
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        await authorizer.RequireAccountAsync(Viewer, id, Permission.Update, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return FormErrors.Again(this);
        }

        // An empty colour or logo field clears it, as null does in the API's PATCH.
        var changes = new AccountChanges(
            Form.Name ?? string.Empty,
            new Change<string?>(Blank(Form.PrimaryColor)),
            new Change<string?>(Blank(Form.SecondaryColor)),
            new Change<string?>(Blank(Form.LogoUrl)));
        try
        {
            await AccountAdministration.UpdateAsync(Viewer, id, changes, authorizer, accounts, audit, cancellationToken);
        }
        catch (InvalidInputException refusal)
        {
            await LoadAsync(id, cancellationToken);
            return FormErrors.Show(this, refusal, Fields);
        }

        return Redirect($"/accounts/{id}?done=saved");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        var owner = await authorizer.RequireAccountAsync(Viewer, id, Permission.Read, cancellationToken);
        MayUpdate = AccessPolicy.MayAccessAccount(Viewer, owner, Permission.Update);
        MayAddUsers = AccessPolicy.MayAccessAccount(Viewer, owner, Permission.CreateChildren);
        Details = await db.Accounts.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AccountDetails(
                a.Id, a.Name, a.AccountRoles.OrderBy(r => r.Name).Select(r => r.Name).ToList(),
                a.ConsultancyAccountId, a.ConsultancyAccount == null ? null : a.ConsultancyAccount.Name,
                a.PrimaryColor, a.SecondaryColor, a.LogoUrl))
            .SingleAsync(cancellationToken);
        MayReadConsultancy = Details.ConsultancyId is { } consultancy
            && await db.Accounts.AsNoTracking().Where(AccessPolicy.ReadableAccounts(Viewer)).AnyAsync(a => a.Id == consultancy, cancellationToken);

        // Whoever reads an account reads its users and assets (the access policy's rule), so no further filter.
        Members = await db.Users.AsNoTracking().Where(u => u.AccountId == id).OrderBy(u => u.Username)
            .Select(u => new MemberRow(u.Id, u.Username, u.Email, u.Active, u.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList()))
            .ToListAsync(cancellationToken);
        Assets = await db.GenericAssets.AsNoTracking().Where(a => a.AccountId == id).OrderBy(a => a.Name)
            .Select(a => new AssetRow(a.Id, a.Name, a.GenericAssetType!.Name))
            .ToListAsync(cancellationToken);
    }

    internal sealed record AccountDetails(
        int Id, string Name, IReadOnlyList<string> Roles, int? ConsultancyId, string? ConsultancyName, string? PrimaryColor, string? SecondaryColor, string? LogoUrl);

    internal sealed record MemberRow(int Id, string? Username, string Email, bool Active, IReadOnlyList<string> Roles);

    internal sealed record AssetRow(int Id, string Name, string TypeName);

    /// <summary>The fields of <c>PATCH /api/v3_0/accounts/&lt;id&gt;</c> that account-admins edit (roles, plan and consultancy: the API and CLI).</summary>
    internal sealed class AccountForm
    {
        public string? Name { get; set; }

        public string? PrimaryColor { get; set; }

        public string? SecondaryColor { get; set; }

        public string? LogoUrl { get; set; }
    }
}

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
/// One user (FlexMeasures' <c>/users/&lt;id&gt;</c>): details for whoever may read them; edit, deactivate/reactivate and
/// password reset for whoever may update them, through <see cref="UserAdministration"/> as the API does.
/// </summary>
internal sealed class UserModel(FlexMeasuresDbContext db, Authorizer authorizer, UserService users, AuditTrail audit) : UiPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["username"] = "Form.Username",
        ["email"] = "Form.Email",
        ["timezone"] = "Form.Timezone",
        ["time_zone"] = "Form.Timezone",
    };

    [BindProperty]
    public UserForm Form { get; set; } = new();

    /// <summary>What the last action did ("saved", "deactivated", "reactivated", "reset"), after its redirect.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public UserDetails Details { get; private set; } = null!;

    public bool MayUpdate { get; private set; }

    /// <summary>Users may not change their own activity (the data service refuses), so no button for it.</summary>
    public bool IsSelf { get; private set; }


    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Form = new UserForm { Username = Details.Username, Email = Details.Email, Timezone = Details.Timezone };
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken)
    {
        await authorizer.RequireUserAsync(Viewer, id, Permission.Update, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return FormErrors.Again(this);
        }

        try
        {
            // An emptied field is a value the service refuses with its message, not "leave as is" (the API's null).
            var changes = new UserChanges(Form.Email ?? string.Empty, Form.Username ?? string.Empty, Form.Timezone ?? string.Empty);
            await UserAdministration.UpdateAsync(Viewer, id, changes, authorizer, users, audit, cancellationToken);
        }
        catch (InvalidInputException refusal)
        {
            await LoadAsync(id, cancellationToken);
            return FormErrors.Show(this, refusal, Fields);
        }

        return Redirect($"/users/{id}?done=saved");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) => SetActiveAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken cancellationToken) => SetActiveAsync(id, true, cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(int id, CancellationToken cancellationToken)
    {
        await UserAdministration.ResetPasswordAsync(Viewer, id, authorizer, users, audit, db, cancellationToken);
        return Redirect($"/users/{id}?done=reset");
    }

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        // A refusal here (e.g. one's own activity) is NotPermittedException: 403, as the API answers.
        await UserAdministration.UpdateAsync(Viewer, id, new UserChanges(Active: active), authorizer, users, audit, cancellationToken);
        return Redirect($"/users/{id}?done={(active ? "reactivated" : "deactivated")}");
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        var owner = await authorizer.RequireUserAsync(Viewer, id, Permission.Read, cancellationToken);
        MayUpdate = AccessPolicy.MayAccessUser(Viewer, id, owner, Permission.Update);
        IsSelf = Viewer.Id == id;
        Details = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserDetails(
                u.Id, u.Username, u.Email, u.AccountId, u.Account!.Name, u.Active, u.Timezone,
                u.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList(), u.LastLoginAt, u.LastSeenAt, u.LoginCount))
            .SingleAsync(cancellationToken);
    }

    internal sealed record UserDetails(
        int Id, string? Username, string Email, int AccountId, string AccountName, bool Active, string Timezone,
        IReadOnlyList<string> Roles, DateTime? LastLoginAt, DateTime? LastSeenAt, int? LoginCount);

    /// <summary>The fields of <c>PATCH /api/v3_0/users/&lt;id&gt;</c> a page edits (activity has its own buttons).</summary>
    internal sealed class UserForm
    {
        public string? Username { get; set; }

        public string? Email { get; set; }

        public string? Timezone { get; set; }
    }
}

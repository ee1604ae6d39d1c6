using FlexMeasures.Api.Auth;
using FlexMeasures.Data.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Ui;

/// <summary>
/// Base of every signed-in page: the user the session cookie names, as the API knows them, so pages ask the one
/// access policy (<see cref="Access.AccessPolicy"/>, <see cref="Access.Authorizer"/>) exactly as the endpoints do.
/// </summary>
internal abstract class UiPageModel : PageModel
{
    /// <summary>The signed-in user (the UI's authorization policy lets no page run without one).</summary>
    public ApiUser Viewer => HttpContext.Items[typeof(ApiUser)] as ApiUser
        ?? throw new InvalidOperationException("A UI page ran without a signed-in user.");

    /// <summary>The time zone the user chose (FlexMeasures' user setting), for times shown on pages; UTC if unknown.</summary>
    protected async Task<TimeZoneInfo> ViewerZoneAsync(FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Viewer.Id;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Timezone).SingleOrDefaultAsync(cancellationToken);
        return name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}

using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Mvc.RazorPages;

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

    /// <summary>
    /// A refused form's problems as the page lists them: each with the field it is about (named as the API names it,
    /// so the words match what the API answers), except where the message already says (the request as a whole, or
    /// an uploaded file by its name).
    /// </summary>
    protected static IReadOnlyList<string> Problems(RequestValidationException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return [.. refusal.Errors.SelectMany(field => field.Value.Select(message =>
            field.Key is "_schema" or SensorData.SensorDataUpload.FilesField ? message : $"{field.Key}: {message}"))];
    }

    /// <summary>
    /// The time zone the user chose (FlexMeasures' user setting, loaded with the user when the session was
    /// authenticated), for times shown on pages; UTC if unknown.
    /// </summary>
    public TimeZoneInfo ViewerZone => TimeZoneInfo.TryFindSystemTimeZoneById(Viewer.Timezone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A stored UTC time in the viewer's zone, to the minute.</summary>
    public string Local(DateTime utc) => LocalTime.Format(utc, ViewerZone);

    /// <summary>"true" for an input whose value was refused (its <c>aria-invalid</c>), else null (no attribute).</summary>
    public string? Invalid(string key) => FormErrors.AriaInvalid(ModelState, key);
}
